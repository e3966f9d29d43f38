package dev.saferoll.migrations;

import org.jspecify.annotations.Nullable;

/**
 * A rollback was refused before anything ran: it reached a migration that is not {@link SafelyReversible}, or one this
 * code cannot roll back, or the last applied migrations are no longer the ones that were confirmed. Nothing was rolled
 * back: the whole rollback is checked before any {@code down} runs.
 */
public class RollbackRefusedException extends MigrationException {

    private final MigrationVersion version;

    private final @Nullable String reason;

    /** The seed's refusal: the migration does not implement {@link SafelyReversible}. */
    public RollbackRefusedException(MigrationVersion version, String description) {
        super(ErrorCode.ROLLBACK_REFUSED, "Rollback failed: Migration " + version + " (" + description
                + ") does not support safe rollback. This migration cannot be safely rolled back. Reason: Data loss "
                + "would occur during rollback. Nothing was rolled back", MigrationAdvice.fixForward());
        this.version = version;
        this.reason = null;
    }

    /** A refusal for another reason, such as a class no longer in the code. */
    public RollbackRefusedException(MigrationVersion version, String description, String reason,
            String recommendation) {
        super(ErrorCode.ROLLBACK_REFUSED, "Rollback refused: Migration " + version + " (" + description + ") " + reason
                + ". Nothing was rolled back", recommendation);
        this.version = version;
        this.reason = reason;
    }

    public MigrationVersion getVersion() {
        return this.version;
    }

    /** Whether the refusal is the seed's: the migration is forward-only. */
    public boolean isForwardOnly() {
        return this.reason == null;
    }

    /** What to do instead, in the seed's words. */
    public static String recommendation() {
        return MigrationAdvice.fixForward();
    }
}
