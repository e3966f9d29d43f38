package dev.saferoll.migrations.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.status.StatusSnapshot;

/** The JSON shapes of the {@code migrations} endpoint. */
public final class MigrationsDescriptors {

    private MigrationsDescriptors() {
    }

    /**
     * The status.
     * @param currentVersion the newest applied version, or {@code null}
     * @param pendingCount how many migrations are PENDING: in the code and never applied; always
     * {@code counts.PENDING}. A migrate run also applies the ROLLED_BACK ones, and the OUT_OF_ORDER ones when
     * {@code migrations.out-of-order=true}; see {@code counts}
     * @param counts how many migrations are in each state
     * @param readAt when the status was read from the database
     * @param stale whether the database did not answer the last read, so the status may be out of date
     * @param drift how the live schema differs from the one the last run recorded, one line per difference; empty
     * for none, {@code null} when not compared yet
     * @param entries every migration, ordered by version
     */
    public record MigrationsDescriptor(@Nullable String currentVersion, int pendingCount,
            Map<MigrationState, Long> counts, Instant readAt, boolean stale, @Nullable List<String> drift,
            List<EntryDescriptor> entries) {

        static MigrationsDescriptor of(StatusSnapshot snapshot) {
            MigrationStatus status = snapshot.status();
            Map<MigrationState, Long> counts = new LinkedHashMap<>();
            for (MigrationState state : MigrationState.values()) {
                counts.put(state, status.count(state));
            }
            return new MigrationsDescriptor(status.currentVersion().map(MigrationVersion::value).orElse(null),
                    Math.toIntExact(counts.get(MigrationState.PENDING)), counts, snapshot.readAt(), snapshot.stale(),
                    (snapshot.drift() != null) ? snapshot.drift().differences() : null,
                    status.entries().stream().map((entry) -> EntryDescriptor.of(entry, null)).toList());
        }
    }

    /**
     * One migration.
     * @param runningOn for a RUNNING migration, the session that holds the migration lock
     * @param preview for a pending migration asked for by version, what it would run: statements recorded without
     * running them; else {@code null}
     */
    public record EntryDescriptor(String version, String description, String domain, MigrationState state,
            boolean reversible, boolean transactional, @Nullable Instant appliedAt, @Nullable String appliedBy,
            @Nullable Long executionTimeMs, @Nullable Long sizeBeforeBytes, @Nullable Long sizeAfterBytes,
            @Nullable Long sizeDeltaBytes, @Nullable String runningOn, @Nullable OutcomeDescriptor preview) {

        static EntryDescriptor of(MigrationStatusEntry entry, @Nullable MigrationOutcome preview) {
            return new EntryDescriptor(entry.version().value(), entry.description(), entry.domain(), entry.state(),
                    entry.reversible(), entry.transactional(), entry.appliedAt(), entry.appliedBy(),
                    millis(entry.executionTime()), entry.sizeBeforeBytes(), entry.sizeAfterBytes(),
                    entry.sizeDeltaBytes(), entry.runningOn(),
                    (preview != null) ? OutcomeDescriptor.of(preview) : null);
        }
    }

    /**
     * What the pending migrations would do.
     * @param kind {@code preview} (statements recorded, nothing run) or {@code dry-run} (run in a transaction that
     * was rolled back)
     * @param pendingCount how many migrations would run: the length of {@code migrations}, ROLLED_BACK and
     * OUT_OF_ORDER ones included
     * @param migrations each one with its statements
     */
    public record PendingDescriptor(String kind, int pendingCount, List<OutcomeDescriptor> migrations) {

        static PendingDescriptor of(String kind, List<MigrationOutcome> outcomes) {
            return new PendingDescriptor(kind, outcomes.size(), outcomes.stream().map(OutcomeDescriptor::of).toList());
        }
    }

    /**
     * The result of a rollback.
     * @param dryRun whether nothing was changed
     * @param count how many migrations were (or would be) rolled back
     * @param migrations each one, newest first
     * @param currentVersion the newest applied version afterwards, or {@code null}
     */
    public record RollbackDescriptor(boolean dryRun, int count, List<OutcomeDescriptor> migrations,
            @Nullable String currentVersion) {

        static RollbackDescriptor of(RollbackResult result) {
            return new RollbackDescriptor(result.dryRun(), result.count(),
                    result.migrations().stream().map(OutcomeDescriptor::of).toList(),
                    result.status().currentVersion().map(MigrationVersion::value).orElse(null));
        }
    }

    /** What happened, or would happen, to one migration in a run. */
    public record OutcomeDescriptor(String version, String description, String domain, String direction,
            String outcome, long executionTimeMs, @Nullable Long sizeBeforeBytes, @Nullable Long sizeAfterBytes,
            List<String> statements, @Nullable String failure, List<String> notes) {

        static OutcomeDescriptor of(MigrationOutcome outcome) {
            return new OutcomeDescriptor(outcome.version().value(), outcome.description(), outcome.domain(),
                    outcome.direction().tag(), outcome.outcome().tag(), outcome.executionTime().toMillis(),
                    outcome.sizeBeforeBytes(), outcome.sizeAfterBytes(), outcome.statements(), outcome.failure(),
                    outcome.notes());
        }
    }

    /**
     * Why a request was not carried out.
     * @param error the error code, such as {@code ROLLBACK_REFUSED}
     * @param message what was wrong
     * @param recommendation what to do instead
     */
    public record ErrorDescriptor(String error, String message, @Nullable String recommendation) {
    }

    private static @Nullable Long millis(@Nullable Duration duration) {
        return (duration != null) ? duration.toMillis() : null;
    }
}
