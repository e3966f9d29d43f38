package dev.saferoll.migrations.actuate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.ErrorDescriptor;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.MigrationsDescriptor;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's answers, called directly, apart from web exposure rules. */
@ExtendWith(OutputCaptureExtension.class)
class MigrationsEndpointTests {

    private final TestDatabase database = TestPostgres.createDatabase();

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void statusIsReadFreshFromTheDatabase() {
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(TestMigration.createTable("2024_01_01_100000", "widgets"))
            .build();
        MigrationsEndpointWebExtension endpoint = endpoint(migrations, true);
        assertThat(descriptor(endpoint).pendingCount()).isEqualTo(1);
        migrations.migrate();
        assertThat(descriptor(endpoint).pendingCount()).isZero();
        assertThat(descriptor(endpoint).currentVersion()).isEqualTo("2024_01_01_100000");
    }

    @Test
    void previewsAreReadsThatLogAtDebugOnly(CapturedOutput output) {
        Migration dropsAColumn = new Migration() {

            @Override
            public void up(MigrationConnection connection) {
                connection.execute("ALTER TABLE users DROP COLUMN legacy_id");
            }

            @Override
            public MigrationVersion getVersion() {
                return MigrationVersion.fromTimestamp("2024_01_01_100000");
            }

            @Override
            public String getDescription() {
                return "Drop legacy_id";
            }
        };
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(dropsAColumn)
            .build();
        MigrationsEndpointWebExtension endpoint = endpoint(migrations, true);
        assertThat(endpoint.migration(MigrationsEndpoint.PENDING).getBody()).asString().contains("DROP_COLUMN");
        assertThat(endpoint.migration("2024_01_01_100000").getStatus()).isEqualTo(200);
        assertThat(output.getOut().lines().filter((line) -> line.contains(" INFO ") || line.contains(" WARN ")))
            .as("log lines of two reads").isEmpty();
    }

    @Test
    void rollbackIsForbiddenUnlessEnabled() {
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(TestMigration.reversibleCreateTable("2024_01_01_100000", "widgets"))
            .build();
        migrations.migrate();
        WebEndpointResponse<Object> response = endpoint(migrations, false).rollback("1", null, null, null);
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(this.database.tableExists("widgets")).isTrue();
    }

    @Test
    void unreachableDatabaseIsServiceUnavailable() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres&connectTimeout=1");
        Migrations migrations = Migrations.builder().dataSource(unreachable).connectRetries(0).build();
        MigrationsEndpointWebExtension endpoint = endpoint(migrations, true);
        assertThat(endpoint.migrations().getStatus()).isEqualTo(503);
        assertThat(endpoint.migration("2024_01_01_100000").getStatus()).isEqualTo(503);
        WebEndpointResponse<Object> rollback = endpoint.rollback("1", null, null, null);
        assertThat(rollback.getStatus()).isEqualTo(503);
        assertThat(((ErrorDescriptor) rollback.getBody()).error()).isEqualTo("CONNECTION_FAILED");
    }

    @Test
    void rollbackWhileAnotherRunHoldsTheLockIsAConflict() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Migrations slow = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(TestMigration.reversibleCreateTable("2024_01_01_100000", "widgets"),
                    new WaitingMigration(running, release))
            .build();
        Migrations impatient = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(slow.getConfiguration().migrations())
            .lockWaitTimeout(Duration.ofMillis(100))
            .build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            slow.migrate(MigrateOptions.defaults()
                .withTarget(MigrationTarget.upTo(version("2024_01_01_100000"))));
            Future<?> holder = executor.submit(() -> slow.migrate());
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            WebEndpointResponse<Object> response = endpoint(impatient, true).rollback("1", null, null, null);
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(response.getStatus()).isEqualTo(409);
            assertThat(((ErrorDescriptor) response.getBody()).error()).isEqualTo("LOCK_NOT_ACQUIRED");
            assertThat(((ErrorDescriptor) response.getBody()).message()).contains("held by");
        }
        finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    private static MigrationsEndpointWebExtension endpoint(Migrations migrations, boolean rollbackEnabled) {
        return new MigrationsEndpointWebExtension(new MigrationsEndpoint(migrations,
                new MigrationStatusService(() -> migrations, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                rollbackEnabled));
    }

    private static MigrationsDescriptor descriptor(MigrationsEndpointWebExtension endpoint) {
        WebEndpointResponse<Object> response = endpoint.migrations();
        assertThat(response.getStatus()).isEqualTo(200);
        return (MigrationsDescriptor) response.getBody();
    }

    private static MigrationVersion version(String text) {
        return MigrationVersion.fromTimestamp(text);
    }

    /** Holds the migration lock until the test lets it go. */
    static class WaitingMigration implements Migration, SafelyReversible {

        private final CountDownLatch running;

        private final CountDownLatch release;

        WaitingMigration(CountDownLatch running, CountDownLatch release) {
            this.running = running;
            this.release = release;
        }

        @Override
        public void up(MigrationConnection connection) throws InterruptedException {
            this.running.countDown();
            this.release.await(30, TimeUnit.SECONDS);
        }

        @Override
        public void down(MigrationConnection connection) {
        }

        @Override
        public MigrationVersion getVersion() {
            return version("2024_01_02_100000");
        }

        @Override
        public String getDescription() {
            return "Wait for the test";
        }
    }
}
