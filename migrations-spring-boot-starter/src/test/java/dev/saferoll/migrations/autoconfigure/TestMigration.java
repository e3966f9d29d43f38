package dev.saferoll.migrations.autoconfigure;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;

/** Migrations for starter tests: each creates one table with plain SQL. */
public class TestMigration implements Migration {

    private final MigrationVersion version;

    private final String table;

    private final String domain;

    TestMigration(String version, String table, String domain) {
        this.version = MigrationVersion.fromTimestamp(version);
        this.table = table;
        this.domain = domain;
    }

    /** A forward-only migration that creates {@code table} (id, name). */
    public static Migration createTable(String version, String table) {
        return new TestMigration(version, table, "Test");
    }

    /** A forward-only migration in {@code domain} that creates {@code table} (id, name). */
    public static Migration createTable(String version, String table, String domain) {
        return new TestMigration(version, table, domain);
    }

    /** A migration that creates {@code table} and can be rolled back (drops it). */
    public static Migration reversibleCreateTable(String version, String table) {
        return new Reversible(version, table);
    }

    /** A migration whose statement fails with an undefined-table error. */
    public static Migration failing(String version) {
        return new TestMigration(version, "unused", "Test") {
            @Override
            public void up(MigrationConnection connection) {
                connection.execute("ALTER TABLE no_such_table ADD COLUMN x integer");
            }
        };
    }

    @Override
    public void up(MigrationConnection connection) {
        connection.execute("CREATE TABLE " + this.table + " (id bigint PRIMARY KEY, name varchar(100))");
    }

    @Override
    public MigrationVersion getVersion() {
        return this.version;
    }

    @Override
    public String getDescription() {
        return "Create " + this.table + " table";
    }

    @Override
    public String getDomain() {
        return this.domain;
    }

    static class Reversible extends TestMigration implements SafelyReversible {

        private final String table;

        Reversible(String version, String table) {
            super(version, table, "Test");
            this.table = table;
        }

        @Override
        public void down(MigrationConnection connection) {
            connection.execute("DROP TABLE " + this.table);
        }
    }
}
