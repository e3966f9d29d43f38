package dev.saferoll.migrations;

/**
 * A rollback reached a migration that does not implement {@link SafelyReversible}. Nothing was rolled back: the whole
 * rollback is checked before any {@code down} runs.
 */
public class RollbackRefusedException extends MigrationException {

    private final MigrationVersion version;

    public RollbackRefusedException(MigrationVersion version, String description) {
        super(ErrorCode.ROLLBACK_REFUSED, message(version, description));
        this.version = version;
    }

    /** A refusal for another reason than a missing {@link SafelyReversible}, such as a class no longer in the code. */
    public RollbackRefusedException(MigrationVersion version, String description, String reason) {
        super(ErrorCode.ROLLBACK_REFUSED, "Rollback failed: Migration " + version + " (" + description + ") "
                + reason + ". Nothing was rolled back. Recommendation: " + recommendation());
        this.version = version;
    }

    public MigrationVersion getVersion() {
        return this.version;
    }

    /** What to do instead, in the seed's words. */
    public static String recommendation() {
        return "Create a new forward migration to undo the changes instead: make:migration FixYourChanges";
    }

    private static String message(MigrationVersion version, String description) {
        return "Rollback failed: Migration " + version + " (" + description + ") does not support safe rollback. "
                + "This migration cannot be safely rolled back. Reason: Data loss would occur during rollback. "
                + "Nothing was rolled back. Recommendation: " + recommendation();
    }
}
