package dev.saferoll.sample.migrations.billing;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;

/**
 * Index invoices by status without locking out writes: {@code CREATE INDEX CONCURRENTLY}.
 * <p>
 * Non-transactional, because PostgreSQL refuses {@code CONCURRENTLY} inside a transaction. This migration is safely
 * reversible because an index holds no data of its own.
 */
@Component
public class CreateInvoicesStatusIndex implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("invoices", (table) -> table.index("status").name("idx_invoices_status").concurrently());
        schema.execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("invoices", (table) -> table.dropIndex("idx_invoices_status"));
        schema.execute();
    }

    @Override
    public boolean isTransactional() {
        return false;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_03_02_090000");
    }

    @Override
    public String getDescription() {
        return "Create invoices status index concurrently";
    }

    @Override
    public String getDomain() {
        return "Billing";
    }
}
