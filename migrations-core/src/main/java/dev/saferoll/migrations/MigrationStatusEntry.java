package dev.saferoll.migrations;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One migration in a {@link MigrationStatus}. Fields that come from the history table are {@code null} for a
 * migration that never ran.
 * @param version the version
 * @param description the description (from the code, or from the history for a MISSING one)
 * @param domain the domain
 * @param state where it stands
 * @param reversible whether it implements {@link SafelyReversible}
 * @param transactional whether it runs in a transaction
 * @param appliedAt when its last run happened
 * @param appliedBy who ran it (database user and host)
 * @param executionTime how long its last run took
 * @param sizeBeforeBytes database size before its last run
 * @param sizeAfterBytes database size after its last run
 * @param runningOn for a RUNNING migration, the session that holds the migration lock (pid, application, client,
 * since when); {@code null} otherwise
 */
public record MigrationStatusEntry(MigrationVersion version, String description, String domain, MigrationState state,
        boolean reversible, boolean transactional, @Nullable Instant appliedAt, @Nullable String appliedBy,
        @Nullable Duration executionTime, @Nullable Long sizeBeforeBytes, @Nullable Long sizeAfterBytes,
        @Nullable String runningOn) {

    /** The change in database size its last run caused, if both sizes are known. */
    public @Nullable Long sizeDeltaBytes() {
        return (this.sizeBeforeBytes != null && this.sizeAfterBytes != null)
                ? this.sizeAfterBytes - this.sizeBeforeBytes : null;
    }
}
