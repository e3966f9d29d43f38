package dev.saferoll.sample.migrations.billing;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;

/**
 * Seed a few demo invoices for the demo users.
 * <p>
 * Forward-only: deleting rows is never a safe rollback.
 */
@Component
public class SeedDemoInvoices implements Migration {

    @Override
    public void up(MigrationConnection connection) {
        String insert = "INSERT INTO invoices (user_id, number, amount_cents, status) "
                + "SELECT id, ?, ?, ? FROM users WHERE name = ?";
        connection.execute(insert, "INV-2024-0001", 12900, "paid", "Ada Lovelace");
        connection.execute(insert, "INV-2024-0002", 4500, "open", "Ada Lovelace");
        connection.execute(insert, "INV-2024-0003", 9900, "open", "Grace Hopper");
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_03_01_110000");
    }

    @Override
    public String getDescription() {
        return "Seed demo invoices";
    }

    @Override
    public String getDomain() {
        return "Billing";
    }
}
