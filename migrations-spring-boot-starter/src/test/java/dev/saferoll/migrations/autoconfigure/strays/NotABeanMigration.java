package dev.saferoll.migrations.autoconfigure.strays;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;

/** A migration someone forgot to annotate with {@code @Component}: Saferoll must say it does not run it. */
public class NotABeanMigration implements Migration {

    @Override
    public void up(MigrationConnection connection) {
        connection.execute("CREATE TABLE forgotten (id bigint)");
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_01_090000");
    }

    @Override
    public String getDescription() {
        return "Create forgotten table";
    }
}
