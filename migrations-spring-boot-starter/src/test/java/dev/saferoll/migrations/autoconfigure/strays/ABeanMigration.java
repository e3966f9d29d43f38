package dev.saferoll.migrations.autoconfigure.strays;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;

/** A migration that the tests register as a bean. */
public class ABeanMigration implements Migration {

    @Override
    public void up(MigrationConnection connection) {
        connection.execute("CREATE TABLE registered (id bigint)");
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_01_100000");
    }

    @Override
    public String getDescription() {
        return "Create registered table";
    }
}
