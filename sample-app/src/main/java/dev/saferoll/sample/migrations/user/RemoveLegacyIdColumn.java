package dev.saferoll.sample.migrations.user;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.safety.SafetyAssured;
import dev.saferoll.migrations.schema.Schema;

/**
 * Remove the deprecated legacy_id column from users.
 * <p>
 * Unsafe, so forward-only: the column holds data, which is lost. If it is needed again, restore the column with a
 * fix-forward migration (its old values cannot come back). No code has read the column since the release before
 * this one, which the acknowledgement below records for the zero-downtime lint.
 */
@SafetyAssured(reason = "no code reads users.legacy_id since the previous release", rules = LintRule.DROP_COLUMN)
@Component
public class RemoveLegacyIdColumn implements Migration {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("users", (table) -> table.dropColumn("legacy_id"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_15_150000");
    }

    @Override
    public String getDescription() {
        return "Remove deprecated legacy_id column from users table";
    }

    @Override
    public String getDomain() {
        return "User";
    }
}
