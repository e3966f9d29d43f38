package dev.saferoll.sample.migrations.user;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;

/**
 * Add a nullable nickname column to users.
 * <p>
 * This migration is safely reversible because the column is new and nullable: until someone fills it, dropping it
 * loses nothing. Once it holds data, Saferoll refuses the rollback unless forced.
 */
@Component
public class AddNicknameToUsers implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("users", (table) -> table.string("nickname", 50).nullable());
        schema.execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("users", (table) -> table.dropColumn("nickname"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_02_01_090000");
    }

    @Override
    public String getDescription() {
        return "Add nickname column to users table";
    }

    @Override
    public String getDomain() {
        return "User";
    }
}
