package dev.saferoll.migrations.status;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.SchemaDrift;

/**
 * A status as the application last saw it.
 * @param status the status
 * @param readAt when it was read from the database (or reported by a run)
 * @param stale whether the last attempt to read it again failed, so it may be out of date
 * @param staleReason why the last read failed, when stale
 * @param drift how the live schema differs from the one the last run recorded, compared at most once per refresh
 * interval; {@code null} when not known yet or never recorded
 */
public record StatusSnapshot(MigrationStatus status, Instant readAt, boolean stale, @Nullable String staleReason,
        @Nullable SchemaDrift drift) {

    /** How old the snapshot is at {@code now}. */
    public Duration age(Instant now) {
        Duration age = Duration.between(this.readAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    StatusSnapshot markedStale(String reason) {
        return new StatusSnapshot(this.status, this.readAt, true, reason, this.drift);
    }
}
