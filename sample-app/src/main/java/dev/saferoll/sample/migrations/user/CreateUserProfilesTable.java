package dev.saferoll.sample.migrations.user;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.ForeignKeyAction;
import dev.saferoll.migrations.schema.IndexName;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/**
 * Create user_profiles table, the seed's first example.
 * <p>
 * This migration is safely reversible because:
 * - the table is new (no existing data to lose);
 * - if it has data, that comes from testing or staging only; in production, use a fix-forward migration instead.
 */
@Component
public class CreateUserProfilesTable implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.create(TableName.fromString("user_profiles"), (table) -> {
            table.string("ulid", 26).primary();
            table.bigInteger("user_id");
            table.string("bio").nullable();
            table.string("avatar_url").nullable();
            table.string("website").nullable();
            table.timestamps();
            table.foreign("user_id").references("id").on("users").onDelete(ForeignKeyAction.CASCADE);
            table.index(ColumnName.fromString("user_id"), IndexName.fromString("idx_user_profiles_user_id"));
        });
        schema.execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.dropIfExists(TableName.fromString("user_profiles"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_15_143000");
    }

    @Override
    public String getDescription() {
        return "Create user_profiles table";
    }

    @Override
    public String getDomain() {
        return "User";
    }
}
