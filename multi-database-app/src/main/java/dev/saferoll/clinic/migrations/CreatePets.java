package dev.saferoll.clinic.migrations;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.ForeignKeyAction;
import dev.saferoll.migrations.schema.Schema;

@Component
public class CreatePets implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        new Schema(connection).create("pets", (table) -> {
            table.increments("id");
            table.string("name", 30);
            table.date("birth_date").nullable();
            table.bigInteger("owner_id");
            table.foreign("owner_id").references("id").on("owners").onDelete(ForeignKeyAction.CASCADE);
        }).execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        new Schema(connection).drop("pets").execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_15_143100");
    }

    @Override
    public String getDescription() {
        return "Create pets";
    }

    @Override
    public String getDomain() {
        return "Clinic";
    }
}
