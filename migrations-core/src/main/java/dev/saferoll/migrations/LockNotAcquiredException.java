package dev.saferoll.migrations;

import java.time.Duration;

/** Another runner held the migration lock for longer than the configured wait. Nothing was applied. */
public class LockNotAcquiredException extends MigrationException {

    private final String holder;

    public LockNotAcquiredException(Duration waited, String holder) {
        super(ErrorCode.LOCK_NOT_ACQUIRED, "Could not acquire the migration lock within " + waited
                + "; it is held by " + holder, MigrationAdvice.lockHeld());
        this.holder = holder;
    }

    /** Who holds the lock, as far as the database tells (pid, application, client, since when). */
    public String getHolder() {
        return this.holder;
    }
}
