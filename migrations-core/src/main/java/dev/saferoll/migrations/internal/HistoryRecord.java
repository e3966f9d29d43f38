package dev.saferoll.migrations.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;

/**
 * One row of the history table: one attempt to apply a migration.
 * @param id the row id, assigned by the database ({@code 0} before the row is inserted)
 * @param version the migration's version
 * @param description the description at the time of the attempt
 * @param domain the domain
 * @param reversible whether the migration implemented SafelyReversible
 * @param status what became of the attempt
 * @param appliedAt when the attempt ran
 * @param appliedBy who ran it
 * @param executionTimeMs how long {@code up} took
 * @param sizeBeforeBytes database size before, if measured
 * @param sizeAfterBytes database size after, if measured
 * @param rolledBackAt when it was rolled back, for a ROLLED_BACK row
 * @param rolledBackBy who rolled it back
 * @param rollbackTimeMs how long {@code down} took
 * @param checksum the migration's checksum when it was applied, if it had one and the table records them
 */
record HistoryRecord(long id, MigrationVersion version, String description, String domain, boolean reversible,
        HistoryStatus status, Instant appliedAt, String appliedBy, long executionTimeMs, @Nullable Long sizeBeforeBytes,
        @Nullable Long sizeAfterBytes, @Nullable Instant rolledBackAt, @Nullable String rolledBackBy,
        @Nullable Long rollbackTimeMs, @Nullable String checksum) {

    /** A new row, not yet inserted, for an APPLIED or FAILED attempt. */
    static HistoryRecord attempt(Migration migration, HistoryStatus status, Instant appliedAt, String appliedBy,
            long executionTimeMs, @Nullable Long sizeBeforeBytes, @Nullable Long sizeAfterBytes) {
        return new HistoryRecord(0, migration.getVersion(), migration.getDescription(), migration.getDomain(),
                migration instanceof SafelyReversible, status, appliedAt, appliedBy, executionTimeMs, sizeBeforeBytes,
                sizeAfterBytes, null, null, null, migration.getChecksum().orElse(null));
    }

    /** Whether this is the row a non-transactional migration writes before it starts, not yet replaced. */
    boolean inProgress() {
        return this.status == HistoryStatus.FAILED && this.executionTimeMs == MigrationExecution.IN_PROGRESS_MILLIS;
    }

    HistoryRecord withId(long id) {
        return new HistoryRecord(id, this.version, this.description, this.domain, this.reversible, this.status,
                this.appliedAt, this.appliedBy, this.executionTimeMs, this.sizeBeforeBytes, this.sizeAfterBytes,
                this.rolledBackAt, this.rolledBackBy, this.rollbackTimeMs, this.checksum);
    }

    HistoryRecord rolledBack(Instant at, String by, long timeMs) {
        return new HistoryRecord(this.id, this.version, this.description, this.domain, this.reversible,
                HistoryStatus.ROLLED_BACK, this.appliedAt, this.appliedBy, this.executionTimeMs, this.sizeBeforeBytes,
                this.sizeAfterBytes, at, by, timeMs, this.checksum);
    }
}
