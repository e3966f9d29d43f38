package dev.saferoll.migrations.actuate;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.EntryDescriptor;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.PendingDescriptor;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads of the endpoint run no migration SQL, take no table lock and change nothing. */
class MigrationsEndpointReadOnlyTests {

    private static final String PENDING = "2024_01_02_100000";

    private final TestDatabase database = TestPostgres.createDatabase();

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void previewsAnswerWhileAnotherSessionHoldsAnExclusiveLockOnTheTableTheyAlter() throws Exception {
        Migration create = TestMigration.forwardOnly("2024_01_01_100000", "Create widgets",
                (connection) -> connection.execute("CREATE TABLE widgets (id integer)"));
        Migration alter = TestMigration.forwardOnly(PENDING, "Add a column to widgets",
                (connection) -> connection.execute("ALTER TABLE widgets ADD COLUMN colour text"));
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(List.of(create, alter))
            .lockTimeout(Duration.ofSeconds(20))
            .build();
        migrations.migrate(MigrateOptions.defaults().withTarget(MigrationTarget.upTo(
                MigrationVersion.fromTimestamp("2024_01_01_100000"))));
        List<String> history = this.database.queryForStrings("SELECT version || status FROM schema_migrations");
        MigrationStatusService status = new MigrationStatusService(() -> migrations, Duration.ofSeconds(60),
                Duration.ofSeconds(5));
        MigrationsEndpoint endpoint = new MigrationsEndpoint(migrations, status, true);

        try (Connection holder = this.database.dataSource().getConnection();
                Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE widgets IN ACCESS EXCLUSIVE MODE");

            Object one = CompletableFuture.supplyAsync(() -> endpoint.migration(PENDING)).get(10, TimeUnit.SECONDS);
            Object all = CompletableFuture.supplyAsync(() -> endpoint.migration(MigrationsEndpoint.PENDING))
                .get(10, TimeUnit.SECONDS);
            Object list = CompletableFuture.supplyAsync(endpoint::migrations).get(10, TimeUnit.SECONDS);

            assertThat(((EntryDescriptor) one).preview().statements())
                .containsExactly("ALTER TABLE widgets ADD COLUMN colour text");
            assertThat(((EntryDescriptor) one).preview().outcome()).isEqualTo("preview");
            assertThat(((PendingDescriptor) all).kind()).isEqualTo("preview");
            assertThat(((PendingDescriptor) all).migrations()).singleElement()
                .satisfies((outcome) -> assertThat(outcome.version()).isEqualTo(PENDING));
            assertThat(list).isNotNull();
            assertThat(status.isRunning()).isFalse();
            holder.rollback();
        }
        finally {
            status.close();
        }
        assertThat(this.database.columns("widgets")).containsExactly("id");
        assertThat(this.database.queryForStrings("SELECT version || status FROM schema_migrations"))
            .isEqualTo(history);
    }
}
