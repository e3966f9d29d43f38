package dev.saferoll.migrations.lock;

import java.time.Duration;

import dev.saferoll.migrations.MigrationException;

/** Another runner held the migration lock for longer than the configured wait. Nothing was applied. */
public class LockNotAcquiredException extends MigrationException {

    private final String holder;

    public LockNotAcquiredException(Duration waited, String holder) {
        super(ErrorCode.LOCK_NOT_ACQUIRED, "Could not acquire the migration lock within " + waited + "; it is held by "
                + holder + ". Wait for that run to finish, or raise migrations.lock-wait-timeout. The lock is freed "
                + "automatically when its holder's connection ends; no manual release is needed.");
        this.holder = holder;
    }

    /** Who holds the lock, as far as the database tells (pid, application, client, since when). */
    public String getHolder() {
        return this.holder;
    }
}
