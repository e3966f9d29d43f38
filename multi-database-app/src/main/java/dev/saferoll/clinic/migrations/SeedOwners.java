package dev.saferoll.clinic.migrations;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;

/** Data in standard SQL with bound parameters, which reads the same on every dialect. */
@Component
public class SeedOwners implements Migration {

    @Override
    public void up(MigrationConnection connection) {
        connection.execute("INSERT INTO owners (first_name, last_name, email) VALUES (?, ?, ?)", "George", "Franklin",
                "george@example.com");
        connection.execute("INSERT INTO owners (first_name, last_name, email) VALUES (?, ?, ?)", "Betty", "Davis",
                "betty@example.com");
        connection.execute("INSERT INTO pets (name, owner_id) SELECT ?, id FROM owners WHERE email = ?", "Leo",
                "george@example.com");
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_01_15_143200");
    }

    @Override
    public String getDescription() {
        return "Seed owners and pets";
    }

    @Override
    public String getDomain() {
        return "Clinic";
    }
}
