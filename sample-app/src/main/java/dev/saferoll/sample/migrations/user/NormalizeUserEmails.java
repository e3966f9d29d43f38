package dev.saferoll.sample.migrations.user;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;

/**
 * Trim and lower-case every email address.
 * <p>
 * Unsafe, so forward-only: the original spelling is lost. It comes just before the newest migration, so
 * {@code db:rollback 2} is refused as a whole (nothing is rolled back) with the recommendation to write a fix-forward
 * migration.
 */
@Component
public class NormalizeUserEmails implements Migration {

    @Override
    public void up(MigrationConnection connection) {
        connection.execute("UPDATE users SET email = lower(trim(email)) WHERE email <> lower(trim(email))");
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_05_01_090000");
    }

    @Override
    public String getDescription() {
        return "Normalize user email addresses";
    }

    @Override
    public String getDomain() {
        return "User";
    }
}
