package dev.saferoll.migrations.actuate;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.PendingDescriptor;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's executed dry run ({@code POST /actuator/migrations/pending}) carries each statement's impact. */
class DryRunImpactEndpointTests {

    private final TestDatabase database = TestPostgres.createDatabase();

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void pendingDryRunNotesTheLockEachStatementTook() {
        this.database.execute("CREATE TABLE invoices (id bigint PRIMARY KEY, status text)");
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(TestMigration.forwardOnly("2024_01_01_100000", "Index invoices.status",
                    (connection) -> connection.execute("CREATE INDEX ON invoices (status)")))
            .build();
        MigrationsEndpoint endpoint = new MigrationsEndpoint(migrations,
                new MigrationStatusService(() -> migrations, Duration.ofSeconds(60), Duration.ofSeconds(5)), false);
        PendingDescriptor pending = endpoint.dryRun(MigrationsEndpoint.PENDING);
        assertThat(pending.migrations()).singleElement().satisfies((outcome) -> {
            assertThat(outcome.outcome()).isEqualTo("dry_run");
            assertThat(outcome.notes()).first().asString()
                .startsWith("impact of statement 1: SHARE on invoices (≈");
            assertThat(outcome.notes()).anySatisfy((note) -> assertThat(note).contains("NON_CONCURRENT_INDEX")
                .contains("[measured: SHARE on invoices"));
        });
        assertThat(this.database.queryForLong("SELECT count(*) FROM pg_indexes WHERE tablename = 'invoices'"))
            .isEqualTo(1);
    }
}
