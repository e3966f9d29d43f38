package dev.saferoll.sample.migrations.user;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;

/**
 * Seed demo users, some carrying ids from the old system.
 * <p>
 * Forward-only: deleting rows is never a safe rollback, as the rows may have changed since.
 */
@Component
public class SeedDemoUsers implements Migration {

    @Override
    public void up(MigrationConnection connection) {
        String insert = "INSERT INTO users (email, name, legacy_id, is_admin, is_moderator) VALUES (?, ?, ?, ?, ?)";
        connection.execute(insert, " Ada@Example.com", "Ada Lovelace", 1001, true, false);
        connection.execute(insert, "grace@example.com", "Grace Hopper", 1002, false, true);
        connection.execute(insert, "alan@example.com ", "Alan Turing", 1003, false, false);
        connection.execute(insert, "Edsger@Example.com", "Edsger Dijkstra", null, false, false);
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_15_110000");
    }

    @Override
    public String getDescription() {
        return "Seed demo users";
    }

    @Override
    public String getDomain() {
        return "User";
    }
}
