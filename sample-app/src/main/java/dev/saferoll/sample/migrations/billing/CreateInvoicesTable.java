package dev.saferoll.sample.migrations.billing;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/**
 * Create invoices table, with CHECK constraints on amount and status.
 * <p>
 * This migration is safely reversible because the table is new: dropping it loses nothing that existed before.
 */
@Component
public class CreateInvoicesTable implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.create(TableName.fromString("invoices"), (table) -> {
            table.id();
            table.bigInteger("user_id");
            table.string("number", 20).unique();
            table.bigInteger("amount_cents");
            table.string("currency", 3).defaultTo("EUR");
            table.string("status", 10).defaultTo("open");
            table.timestamps();
            table.check("invoices_amount_not_negative", "amount_cents >= 0");
            table.check("invoices_status_known", "status IN ('open', 'paid', 'void')");
        });
        schema.execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.dropIfExists(TableName.fromString("invoices"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_03_01_090000");
    }

    @Override
    public String getDescription() {
        return "Create invoices table";
    }

    @Override
    public String getDomain() {
        return "Billing";
    }
}
