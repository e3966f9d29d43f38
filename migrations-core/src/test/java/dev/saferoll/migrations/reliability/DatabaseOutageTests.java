package dev.saferoll.migrations.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DatabaseOutageTests {

    @Test
    void databaseDownAtStartupFailsAfterBoundedRetriesSayingWhatToCheck() {
        PGSimpleDataSource closedPort = new PGSimpleDataSource();
        closedPort.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres&connectTimeout=2");
        Migrations migrations = Migrations.builder()
            .dataSource(closedPort)
            .migrations(ReliabilityMigrations.pair())
            .connectRetries(2)
            .connectRetriesInterval(Duration.ofMillis(20))
            .build();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(migrations::migrate)
            .withMessageContaining("Could not connect to the database after 3 attempts")
            .withMessageContaining("127.0.0.1:1")
            .withMessageContaining("connect-retries")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.CONNECTION_FAILED)));
    }

    @Test
    void connectionLostDuringAMigrationFailsItCleanlyAndTheNextRunSucceeds() throws Exception {
        try (TestDatabase database = TestPostgres.createDatabase()) {
            DatabaseProbe probe = new DatabaseProbe(database);
            List<Migration> slow = List.of(ReliabilityMigrations.slow(30));
            Migrations migrations = Migrations.builder().dataSource(database.dataSource()).migrations(slow).build();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<MigrateResult> run = executor.submit(() -> migrations.migrate());
                DatabaseProbe.await("the migration sleeps", Duration.ofSeconds(30), () -> probe.running("pg_sleep"));
                database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep%'");
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatExceptionOfType(Exception.class)
                    .isThrownBy(run::get)
                    .havingCause()
                    .isInstanceOf(MigrationExecutionException.class)
                    .withMessageContaining("2024_01_01_000000")
                    .withMessageContaining("terminat")
                    .withMessageContaining("Nothing of this migration was applied"));
            }
            finally {
                executor.shutdownNow();
            }
            assertThat(database.tableExists("slow_table")).isFalse();
            assertThat(probe.historyRows("status = 'APPLIED'")).isZero();
            DatabaseProbe.await("the runner's sessions are closed", Duration.ofSeconds(30), () -> probe.sessions() == 0);
            assertThat(probe.migrationLockHeld()).isFalse();

            Migrations fixed = Migrations.builder()
                .dataSource(database.dataSource())
                .migrations(ReliabilityMigrations.slow(0))
                .build();
            assertThat(fixed.migrate().count()).isEqualTo(1);
            assertThat(database.tableExists("slow_table")).isTrue();
        }
    }
}
