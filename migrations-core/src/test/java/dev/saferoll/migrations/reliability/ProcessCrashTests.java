package dev.saferoll.migrations.reliability;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** kill -9 of a runner JVM at every point that matters: the database must never hold a change without its row. */
class ProcessCrashTests {

    private static final Duration START = Duration.ofSeconds(60);

    private TestDatabase database;

    private DatabaseProbe probe;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        this.probe = new DatabaseProbe(this.database);
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void killedLockHolderFreesTheLockAndLeavesNothingOfItsMigration() {
        Launched holder = Launched.start(this.database.url(), "slow");
        holder.await("the launcher holds the lock and sleeps in its migration", START,
                () -> this.probe.migrationLockHeld() && this.probe.running("pg_sleep"));
        holder.kill();

        Migrations next = migrations(List.of(ReliabilityMigrations.slow(0))).lockWaitTimeout(Duration.ofSeconds(30))
            .build();
        assertThat(next.migrate().count()).isEqualTo(1);
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("APPLIED");
        assertThat(this.database.tableExists("slow_table")).isTrue();
        assertThat(this.probe.migrationLockHeld()).isFalse();
    }

    @Test
    void killDuringSlowTransactionalMigrationLeavesNeitherSchemaNorRow() {
        Launched crashed = Launched.start(this.database.url(), "slow");
        crashed.await("the migration created its table and sleeps", START, () -> this.probe.running("pg_sleep"));
        crashed.kill();
        DatabaseProbe.await("the killed backend is gone", Duration.ofSeconds(30), () -> !this.probe.running("pg_sleep"));

        assertThat(this.database.tableExists("slow_table")).isFalse();
        assertThat(this.probe.historyRows("true")).isZero();

        Migrations restarted = migrations(List.of(ReliabilityMigrations.slow(0))).build();
        assertThat(restarted.migrate().count()).isEqualTo(1);
        assertThat(this.database.tableExists("slow_table")).isTrue();
        assertThat(this.probe.historyRows("status = 'APPLIED'")).isEqualTo(1);
    }

    @Test
    void haltAfterTheDdlLeavesNeitherChangeNorRow() {
        Launched halted = Launched.start(this.database.url(), "halt-after-ddl");
        assertThat(halted.waitFor(START)).as(halted.output()).isEqualTo(137);
        assertThat(this.database.tableExists("halted")).isFalse();
        assertThat(this.probe.historyRows("true")).isZero();

        assertThat(migrations(ReliabilityMigrations.pair()).build().migrate().count()).isEqualTo(2);
        assertBothOrNeither("first_table", ReliabilityMigrations.at(0).value());
    }

    @Test
    void haltAfterTheHistoryInsertBeforeCommitLeavesNeitherChangeNorRow() {
        Launched halted = Launched.start(this.database.url(), "pair", "saferoll.test.fault=after-history-insert");
        assertThat(halted.waitFor(START)).as(halted.output()).isEqualTo(137);
        assertThat(this.database.tableExists("first_table")).isFalse();
        assertThat(this.probe.historyRows("true")).isZero();

        assertThat(migrations(ReliabilityMigrations.pair()).build().migrate().count()).isEqualTo(2);
        assertBothOrNeither("first_table", ReliabilityMigrations.at(0).value());
        assertBothOrNeither("second_table", ReliabilityMigrations.at(1).value());
        assertThat(this.probe.historyRows("status = 'APPLIED'")).isEqualTo(2);
    }

    @Test
    void haltAfterTheCommitLeavesBothChangeAndRowAndTheRestartAppliesOnlyTheRest() {
        Launched halted = Launched.start(this.database.url(), "pair", "saferoll.test.fault=after-commit");
        assertThat(halted.waitFor(START)).as(halted.output()).isEqualTo(137);
        assertThat(this.database.tableExists("first_table")).isTrue();
        assertThat(this.probe.historyRows("status = 'APPLIED'")).isEqualTo(1);
        assertThat(this.database.tableExists("second_table")).isFalse();

        assertThat(migrations(ReliabilityMigrations.pair()).build().migrate().count()).isEqualTo(1);
        assertBothOrNeither("first_table", ReliabilityMigrations.at(0).value());
        assertBothOrNeither("second_table", ReliabilityMigrations.at(1).value());
        assertThat(this.probe.historyRows("status = 'APPLIED'")).isEqualTo(2);
    }

    @Test
    void killedNonTransactionalMigrationIsInterruptedUntilResetThenRecovers() {
        Launched crashed = Launched.start(this.database.url(), "nontx-slow");
        crashed.await("the non-transactional migration sleeps", START, () -> this.probe.running("pg_sleep"));
        crashed.kill();
        DatabaseProbe.await("the killed backend is gone", Duration.ofSeconds(30), () -> !this.probe.running("pg_sleep"));

        String version = ReliabilityMigrations.at(0).value();
        assertThat(this.database.tableExists("nt_table")).isTrue();
        assertThat(this.database.queryForStrings("SELECT status || ' ' || execution_time_ms FROM schema_migrations"))
            .containsExactly("FAILED -1");
        Migrations restarted = migrations(List.of(ReliabilityMigrations.nonTransactional(false))).build();
        assertThat(restarted.status().find(ReliabilityMigrations.at(0)).get().state())
            .isEqualTo(MigrationState.INTERRUPTED);
        assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(restarted::migrate)
            .withMessageContaining(version)
            .withMessageContaining("interrupted")
            .withMessageContaining("db:reset " + version);
        assertThat(this.probe.historyRows("true")).isEqualTo(1);

        this.database.execute("DROP TABLE nt_table");
        assertThat(restarted.reset(ReliabilityMigrations.at(0))).isTrue();
        assertThat(restarted.migrate().count()).isEqualTo(1);
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("APPLIED");
        assertThat(this.database.queryForStrings("SELECT indisvalid::text FROM pg_index "
                + "WHERE indexrelid = 'nt_table_name_index'::regclass")).containsExactly("true");
    }

    @Test
    void failingNonTransactionalMigrationLeavesExactlyOneFailedRow() {
        Migration failing = new TestMigration(ReliabilityMigrations.at(0), "index a missing column",
                (connection) -> connection.execute("CREATE INDEX CONCURRENTLY nope_index ON nope (id)"), false);
        assertThatExceptionOfType(RuntimeException.class)
            .isThrownBy(() -> migrations(List.of(failing)).build().migrate());
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("FAILED");
        assertThat(this.probe.historyRows("execution_time_ms >= 0")).isEqualTo(1);
    }

    private void assertBothOrNeither(String table, String version) {
        boolean row = this.probe.historyRows("status = 'APPLIED' AND version = '" + version + "'") == 1;
        assertThat(this.database.tableExists(table)).as("table %s exists exactly when %s is APPLIED", table, version)
            .isEqualTo(row);
    }

    private MigrationsConfiguration.Builder migrations(List<Migration> migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations);
    }
}
