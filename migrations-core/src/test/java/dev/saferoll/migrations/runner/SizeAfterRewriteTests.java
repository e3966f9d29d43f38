package dev.saferoll.migrations.runner;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The size recorded after a migration that rewrites a large table: PostgreSQL frees the old files only at commit, so
 * the probe must count them off. Each recorded size must be within 10% of pg_database_size measured after the run.
 */
class SizeAfterRewriteTests {

    private static TestDatabase database;

    private final List<TestMigration> applied = new ArrayList<>();

    @BeforeAll
    static void createLargeTable() {
        database = TestPostgres.createDatabase();
        database.execute("CREATE TABLE readings (id bigint PRIMARY KEY, value integer NOT NULL, note text)");
        database.execute("INSERT INTO readings SELECT g, g % 1000, 'reading ' || g FROM generate_series(1, 500000) g");
        database.execute("VACUUM ANALYZE readings");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void sizesStayRightThroughRewritesInAndOutOfTransactions() {
        long start = databaseSize();
        MigrationOutcome typeChange = migrate(TestMigration.forwardOnly("2024_01_01_000000", "value to bigint",
                (connection) -> connection.execute("ALTER TABLE readings ALTER COLUMN value TYPE bigint")));
        assertRight(typeChange);
        assertThat(typeChange.sizeAfterBytes() - typeChange.sizeBeforeBytes()).as("delta of a type change")
            .isLessThan((long) (0.1 * start));

        MigrationOutcome withData = migrate(TestMigration.forwardOnly("2024_01_02_000000", "note to varchar and back",
                (connection) -> {
                    connection.execute("ALTER TABLE readings ALTER COLUMN value TYPE integer");
                    connection.execute("UPDATE readings SET note = upper(note) WHERE id <= 10");
                }));
        assertRight(withData);

        MigrationOutcome outside = migrate(TestMigration.nonTransactional("2024_01_03_000000", "value to bigint again",
                (connection) -> connection.execute("ALTER TABLE readings ALTER COLUMN value TYPE bigint")));
        assertRight(outside);
    }

    private static void assertRight(MigrationOutcome outcome) {
        long actual = databaseSize();
        assertThat(outcome.sizeAfterBytes()).as(outcome.description()).isNotNull();
        assertThat(outcome.sizeAfterBytes().doubleValue()).as(outcome.description() + ": recorded size after")
            .isCloseTo(actual, within(0.1 * actual));
        List<String> recorded = database.queryForStrings("SELECT size_after_bytes FROM schema_migrations "
                + "WHERE version = '" + outcome.version().value() + "'");
        assertThat(recorded).containsExactly(String.valueOf(outcome.sizeAfterBytes()));
    }

    private MigrationOutcome migrate(TestMigration migration) {
        this.applied.add(migration);
        return Migrations.builder().dataSource(database.dataSource()).migrations(List.copyOf(this.applied)).build()
            .migrate().migrations().get(0);
    }

    private static long databaseSize() {
        return database.queryForLong("SELECT pg_database_size(current_database())");
    }
}
