package dev.saferoll.migrations.benchmarks;

import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.schema.Schema;

/**
 * The same migrations for every contestant: Saferoll's use the schema builder, and Flyway's and raw JDBC's run the
 * exact SQL the builder compiles.
 */
final class Workloads {

    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

    private Workloads() {
    }

    static String table(int number) {
        return String.format("bench_table_%05d", number);
    }

    static Schema createTable(Schema schema, int number) {
        return schema.create(table(number), (table) -> {
            table.id();
            table.string("name");
            table.timestamps();
            table.index("name");
        });
    }

    static String insertRows() {
        return "INSERT INTO " + table(1) + " (name) SELECT 'row ' || g FROM generate_series(1, 1000) AS g";
    }

    /** N table migrations and one data migration, as SQL: what Flyway and raw JDBC run. */
    static List<List<String>> statements(int n) {
        List<List<String>> migrations = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            migrations.add(createTable(new Schema(Dialect.POSTGRESQL), i).toSql());
        }
        migrations.add(List.of(insertRows()));
        return migrations;
    }

    static MigrationVersion version(int number) {
        return MigrationVersion.of(START.plusSeconds(number));
    }

    static List<Migration> saferollNoOps(int n) {
        List<Migration> migrations = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            migrations.add(new SaferollMigration(i, "No-op " + i, false));
        }
        return migrations;
    }

    static List<Migration> saferollTables(int n) {
        List<Migration> migrations = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            migrations.add(new SaferollMigration(i, "Create " + table(i), true));
        }
        migrations.add(new SaferollMigration(n + 1, "Insert 1000 rows", false) {

            @Override
            public void up(MigrationConnection connection) {
                connection.execute(insertRows());
            }
        });
        return migrations;
    }

    static JavaMigration[] flywayNoOps(int n) {
        JavaMigration[] migrations = new JavaMigration[n];
        for (int i = 1; i <= n; i++) {
            migrations[i - 1] = new FlywayMigration(i, "No-op " + i, List.of());
        }
        return migrations;
    }

    static JavaMigration[] flywayTables(int n) {
        List<List<String>> statements = statements(n);
        JavaMigration[] migrations = new JavaMigration[statements.size()];
        for (int i = 0; i < statements.size(); i++) {
            migrations[i] = new FlywayMigration(i + 1, "Migration " + (i + 1), statements.get(i));
        }
        return migrations;
    }

    static class SaferollMigration implements Migration {

        private final int number;

        private final String description;

        private final boolean createsTable;

        SaferollMigration(int number, String description, boolean createsTable) {
            this.number = number;
            this.description = description;
            this.createsTable = createsTable;
        }

        @Override
        public void up(MigrationConnection connection) {
            if (this.createsTable) {
                createTable(new Schema(connection), this.number).execute();
            }
        }

        @Override
        public MigrationVersion getVersion() {
            return version(this.number);
        }

        @Override
        public String getDescription() {
            return this.description;
        }
    }

    record FlywayMigration(int number, String description, List<String> sql) implements JavaMigration {

        @Override
        public org.flywaydb.core.api.MigrationVersion getVersion() {
            return org.flywaydb.core.api.MigrationVersion.fromVersion(Integer.toString(this.number));
        }

        @Override
        public String getDescription() {
            return this.description;
        }

        @Override
        public Integer getChecksum() {
            return null;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement statement = context.getConnection().createStatement()) {
                for (String sql : this.sql) {
                    statement.execute(sql);
                }
            }
        }
    }
}
