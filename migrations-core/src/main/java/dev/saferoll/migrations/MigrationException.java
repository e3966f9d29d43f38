package dev.saferoll.migrations;

/**
 * The root of every error Saferoll raises. Each carries an {@link ErrorCode}, and its message says what to do next.
 */
public class MigrationException extends RuntimeException {

    private final ErrorCode errorCode;

    public MigrationException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public MigrationException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode getErrorCode() {
        return this.errorCode;
    }

    /** What went wrong, in categories that callers (endpoint, CLI, failure analyzer) map to responses. */
    public enum ErrorCode {
        /** A version, identifier or argument was malformed. */
        INVALID_INPUT,
        /** The migrations on the classpath and the history table disagree. */
        VALIDATION_FAILED,
        /** A rollback reached a migration that is not {@link SafelyReversible}. */
        ROLLBACK_REFUSED,
        /** A rollback would delete data. */
        ROLLBACK_WOULD_LOSE_DATA,
        /** Another runner held the migration lock for longer than the configured wait. */
        LOCK_NOT_ACQUIRED,
        /** A migration's statement failed. */
        EXECUTION_FAILED,
        /** The database could not be reached. */
        CONNECTION_FAILED,
        /** The operation is switched off by configuration. */
        OPERATION_DISABLED
    }
}
