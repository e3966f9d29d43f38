package dev.saferoll.sample.migrations.billing;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.safety.SafetyAssured;
import dev.saferoll.migrations.schema.ForeignKeyAction;
import dev.saferoll.migrations.schema.Schema;

/**
 * Add a foreign key from invoices to users.
 * <p>
 * This migration is safely reversible because a foreign key is a constraint only: dropping it touches no row.
 * <p>
 * The lint warns that adding a foreign key validates every row under lock. Here invoices is still empty (created by
 * the migration before, seeded by the one after), so there is nothing to validate; on a table with rows, add the key
 * {@code NOT VALID} and validate it in a later migration.
 */
@SafetyAssured(reason = "invoices is empty when the key is added: created by the previous migration, seeded by the"
        + " next one", rules = LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID)
@Component
public class AddInvoicesUserForeignKey implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("invoices", (table) -> table.foreign("user_id")
            .references("id")
            .on("users")
            .onDelete(ForeignKeyAction.RESTRICT)
            .name("invoices_user_id_foreign"));
        schema.execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("invoices", (table) -> table.dropForeign("invoices_user_id_foreign"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_03_01_100000");
    }

    @Override
    public String getDescription() {
        return "Add foreign key from invoices to users";
    }

    @Override
    public String getDomain() {
        return "Billing";
    }
}
