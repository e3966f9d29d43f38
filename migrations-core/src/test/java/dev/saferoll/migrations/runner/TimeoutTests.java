package dev.saferoll.migrations.runner;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * lock_timeout and statement_timeout bind every migration of a run, inside a transaction or not, so a migration
 * queued behind traffic gives up instead of blocking it.
 */
class TimeoutTests {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        this.database.execute("CREATE TABLE busy (id int)");
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void lockTimeoutStopsAMigrationWaitingOnABusyTable(boolean transactional) throws Exception {
        TestMigration alter = new TestMigration("2024_01_01_000000", "Alter busy table",
                (connection) -> connection.execute("ALTER TABLE busy ADD COLUMN name text"), transactional);
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource()).migrations(alter)
            .lockTimeout(Duration.ofMillis(300)).build();
        try (Connection traffic = this.database.dataSource().getConnection();
                Statement statement = traffic.createStatement()) {
            traffic.setAutoCommit(false);
            statement.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(migrations::migrate)
                .satisfies((ex) -> assertThat(ex.getSqlState()).isEqualTo("55P03"))
                .withMessageContaining("2024_01_01_000000");
            traffic.rollback();
        }
        assertThat(this.database.columns("busy")).containsExactly("id");
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void statementTimeoutStopsASlowMigration(boolean transactional) {
        TestMigration slow = new TestMigration("2024_01_01_000000", "Slow",
                (connection) -> connection.execute("SELECT pg_sleep(5)"), transactional);
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource()).migrations(slow)
            .statementTimeout(Duration.ofMillis(200)).build();
        assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(migrations::migrate)
            .satisfies((ex) -> assertThat(ex.getSqlState()).isEqualTo("57014"));
    }
}
