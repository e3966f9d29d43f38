package dev.saferoll.sample.migrations.user;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.safety.SafetyAssured;
import dev.saferoll.migrations.schema.Schema;

/**
 * Replace the is_admin and is_moderator flags with one role column, the seed's data transform.
 * <p>
 * Unsafe, so forward-only: the original flags are dropped, and a user who was both admin and moderator cannot be told
 * apart afterwards.
 * <p>
 * Dropping the flags in the same migration, and updating every row in one statement, are safe here only because the
 * sample runs as one instance, stopped before an upgrade: no old code reads the flags afterwards, and no request waits
 * on the rows the UPDATE locks. The acknowledgement records that for the zero-downtime lint. With several instances,
 * fill the role with a {@code Backfill} and drop the flags in a later release instead.
 */
@SafetyAssured(reason = "the sample runs as one instance, stopped before an upgrade: no old code reads is_admin or"
        + " is_moderator afterwards, and no request waits on the users rows the UPDATE locks",
        rules = { LintRule.DROP_COLUMN, LintRule.WHOLE_TABLE_UPDATE })
@Component
public class MigrateUserRoles implements Migration {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("users", (table) -> table.string("role", 20).defaultTo("user"));
        schema.execute();

        connection.execute("""
                UPDATE users
                SET role = CASE
                    WHEN is_admin THEN 'admin'
                    WHEN is_moderator THEN 'moderator'
                    ELSE 'user'
                END
                """);

        schema.table("users", (table) -> table.dropColumn("is_admin", "is_moderator"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_02_01_100000");
    }

    @Override
    public String getDescription() {
        return "Migrate user roles from flags to a role column";
    }

    @Override
    public String getDomain() {
        return "User";
    }
}
