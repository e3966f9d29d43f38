package dev.saferoll.migrations.cli;

import java.util.List;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;

/** Three migrations: two safely reversible, the newest forward-only, as in the seed. */
final class CommandTestMigrations {

    static final String FIRST = "2024_01_15_143000";

    static final String SECOND = "2024_01_15_144500";

    static final String NEWEST = "2024_01_15_150000";

    private CommandTestMigrations() {
    }

    static List<Migration> all() {
        return List.of(new CreateWidgetsTable(), new AddColourToWidgets(), new RemoveLegacyCodeColumn());
    }

    /** Safe: the table is new. */
    static final class CreateWidgetsTable implements Migration, SafelyReversible {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.create("widgets", (table) -> {
                table.id();
                table.string("name");
                table.string("legacy_code").nullable();
            });
            schema.execute();
        }

        @Override
        public void down(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.dropIfExists("widgets");
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromTimestamp(FIRST);
        }

        @Override
        public String getDescription() {
            return "Create widgets table";
        }

        @Override
        public String getDomain() {
            return "Catalog";
        }
    }

    /** Safe: the column is new and nullable. */
    static final class AddColourToWidgets implements Migration, SafelyReversible {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("widgets", (table) -> table.string("colour").nullable());
            schema.execute();
        }

        @Override
        public void down(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("widgets", (table) -> table.dropColumn("colour"));
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromTimestamp(SECOND);
        }

        @Override
        public String getDescription() {
            return "Add colour to widgets";
        }

        @Override
        public String getDomain() {
            return "Catalog";
        }
    }

    /** Unsafe: the dropped column's data is gone. */
    static final class RemoveLegacyCodeColumn implements Migration {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("widgets", (table) -> table.dropColumn("legacy_code"));
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromTimestamp(NEWEST);
        }

        @Override
        public String getDescription() {
            return "Remove legacy_code column from widgets";
        }

        @Override
        public String getDomain() {
            return "Catalog";
        }
    }
}
