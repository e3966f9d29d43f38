package dev.saferoll.sample.migrations.user;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/**
 * Create users table.
 * <p>
 * This migration is safely reversible because the table is new: dropping it loses nothing that existed before. (Once
 * it holds rows, Saferoll's data-loss guard refuses the rollback unless forced.)
 */
@Component
public class CreateUsersTable implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.create(TableName.fromString("users"), (table) -> {
            table.id();
            table.string("email").unique();
            table.string("name");
            table.integer("legacy_id").nullable();
            table.bool("is_admin").defaultTo(false);
            table.bool("is_moderator").defaultTo(false);
            table.timestamps();
        });
        schema.execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.dropIfExists(TableName.fromString("users"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_15_100000");
    }

    @Override
    public String getDescription() {
        return "Create users table";
    }

    @Override
    public String getDomain() {
        return "User";
    }
}
