package dev.saferoll.clinic.migrations;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;

@Component
public class CreateOwners implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        new Schema(connection).create("owners", (table) -> {
            table.id();
            table.string("first_name", 30);
            table.string("last_name", 30);
            table.string("email");
            table.uniqueConstraint("email");
            table.index("last_name");
            table.timestamps();
        }).execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        new Schema(connection).drop("owners").execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_15_143000");
    }

    @Override
    public String getDescription() {
        return "Create owners";
    }

    @Override
    public String getDomain() {
        return "Clinic";
    }
}
