package dev.saferoll.migrations.reliability;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.testing.TestMigration;

/** The migration sets the launcher runs, so a test can build the same set in its own JVM. */
final class ReliabilityMigrations {

    static final MigrationVersion FIRST = MigrationVersion.fromTimestamp("2024_01_01_000000");

    private ReliabilityMigrations() {
    }

    /** Scenario names the launcher understands. */
    static List<Migration> forScenario(String scenario) {
        switch (scenario) {
            case "tables":
                return tables(50);
            case "slow":
                return List.of(slow(30));
            case "short-slow":
                return List.of(slow(3));
            case "halt-after-ddl":
                return List.of(step(0, "create halted", "CREATE TABLE halted (id bigint)", () -> Runtime.getRuntime()
                    .halt(137)));
            case "pair":
                return pair();
            case "nontx-slow":
                return List.of(nonTransactional(true));
            case "tables-20":
                return tables(20);
            case "builder-then-sleep":
                return List.of(builderThenSleep(30));
            default:
                throw new IllegalArgumentException("Unknown scenario " + scenario);
        }
    }

    /** {@code count} migrations, each creating a table with an index; versions one minute apart. */
    static List<Migration> tables(int count) {
        List<Migration> migrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String table = "t" + i;
            migrations.add(new TestMigration(at(i), "create " + table, (connection) -> new Schema(connection)
                .create(table, (t) -> {
                    t.id();
                    t.string("name");
                    t.index("name");
                })
                .execute(), true));
        }
        return migrations;
    }

    /** Creates table {@code slow_table}, then sleeps while holding the lock and the open transaction. */
    static Migration slow(int seconds) {
        return new TestMigration(at(0), "slow create", (connection) -> {
            connection.execute("CREATE TABLE slow_table (id bigint)");
            connection.query("SELECT pg_sleep(" + seconds + ")", (row) -> row.getString(1));
        }, true);
    }

    /**
     * Creates {@code slow_table} with the builder, then sleeps in Java: on any dialect. Where DDL commits implicitly,
     * the table and an in-progress history row are committed while it sleeps.
     */
    static Migration builderThenSleep(int seconds) {
        return new TestMigration(at(0), "create slow_table, then sleep", (connection) -> {
            new Schema(connection).create("slow_table", (t) -> t.id()).execute();
            Thread.sleep(seconds * 1000L);
        }, true);
    }

    /** Two plain migrations: {@code first_table} and {@code second_table}. */
    static List<Migration> pair() {
        return List.of(step(0, "create first", "CREATE TABLE first_table (id bigint)", () -> {
        }), step(1, "create second", "CREATE TABLE second_table (id bigint)", () -> {
        }));
    }

    /**
     * A non-transactional migration: a table, then (when slow) a long pause, then a concurrent index. Killed during
     * the pause, it leaves the table behind without its index.
     */
    static Migration nonTransactional(boolean slow) {
        return new TestMigration(at(0), "create and index concurrently", (connection) -> {
            connection.execute("CREATE TABLE nt_table (id bigint, name text)");
            if (slow) {
                connection.query("SELECT pg_sleep(30)", (row) -> row.getString(1));
            }
            connection.execute("CREATE INDEX CONCURRENTLY nt_table_name_index ON nt_table (name)");
        }, false);
    }

    static Migration reversible() {
        return new TestMigration.Reversible(at(0), "create cycled", (connection) -> connection.execute(
                "CREATE TABLE cycled (id bigint)"), (connection) -> connection.execute("DROP TABLE cycled"));
    }

    static MigrationVersion at(int minutes) {
        LocalDateTime start = FIRST.timestamp();
        return MigrationVersion.of(start.plusMinutes(minutes));
    }

    private static Migration step(int minutes, String description, String sql, Runnable after) {
        return new TestMigration(at(minutes), description, (connection) -> {
            connection.execute(sql);
            after.run();
        }, true);
    }
}
