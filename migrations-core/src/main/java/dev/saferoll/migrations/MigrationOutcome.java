package dev.saferoll.migrations;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one migration in a run.
 * @param version the version
 * @param description the description
 * @param domain the domain
 * @param direction up or down
 * @param outcome what happened
 * @param executionTime how long it took
 * @param sizeBeforeBytes database size before, if measured
 * @param sizeAfterBytes database size after, if measured
 * @param statements every statement it executed (or, in a dry run, would execute)
 * @param failure the error message when it failed
 * @param notes what the runner could not do or check, for example a statement a dry run could not show or a
 * {@code down} the data-loss guard could not verify
 */
public record MigrationOutcome(MigrationVersion version, String description, String domain, Direction direction,
        Outcome outcome, Duration executionTime, @Nullable Long sizeBeforeBytes, @Nullable Long sizeAfterBytes,
        List<String> statements, @Nullable String failure, List<String> notes) {

    public MigrationOutcome {
        statements = List.copyOf(statements);
        notes = List.copyOf(notes);
    }

    public MigrationOutcome(MigrationVersion version, String description, String domain, Direction direction,
            Outcome outcome, Duration executionTime, @Nullable Long sizeBeforeBytes, @Nullable Long sizeAfterBytes,
            List<String> statements, @Nullable String failure) {
        this(version, description, domain, direction, outcome, executionTime, sizeBeforeBytes, sizeAfterBytes,
                statements, failure, List.of());
    }

    public enum Direction {
        UP, DOWN;

        /** Lower-case name, as used in metric tags. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Outcome {
        /** The migration ran and its change is committed. */
        SUCCESS,
        /** The migration failed; in a dry run, it would fail. */
        FAILED,
        /** The migration ran in a transaction that was rolled back. */
        DRY_RUN,
        /** The migration's statements were recorded without running any of them. */
        PREVIEW;

        /** Lower-case name, as used in metric tags. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
