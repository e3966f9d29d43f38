package dev.saferoll.migrations;

import org.jspecify.annotations.Nullable;

/**
 * The root of every error Saferoll raises. Each carries an {@link ErrorCode}, a description of what went wrong and a
 * recommendation of what to do next; the endpoint, the commands, the failure analyzer and the logs all show these two
 * parts rather than writing advice of their own.
 */
public class MigrationException extends RuntimeException {

    private final ErrorCode errorCode;

    private final String description;

    private final String recommendation;

    /** An error whose message already says what to do; the recommendation is the error code's general advice. */
    public MigrationException(ErrorCode errorCode, String message) {
        this(errorCode, message, (Throwable) null);
    }

    public MigrationException(ErrorCode errorCode, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.description = message;
        this.recommendation = errorCode.advice();
    }

    /** An error with its own next step; the message is both, joined. */
    public MigrationException(ErrorCode errorCode, String description, String recommendation) {
        this(errorCode, description, recommendation, null);
    }

    public MigrationException(ErrorCode errorCode, String description, String recommendation,
            @Nullable Throwable cause) {
        super(description + ". " + recommendation, cause);
        this.errorCode = errorCode;
        this.description = description;
        this.recommendation = recommendation;
    }

    public ErrorCode getErrorCode() {
        return this.errorCode;
    }

    /** What went wrong. */
    public String getDescription() {
        return this.description;
    }

    /** What to do next. */
    public String getRecommendation() {
        return this.recommendation;
    }

    /** What went wrong, in categories that callers (endpoint, CLI, failure analyzer) map to responses. */
    public enum ErrorCode {
        /** A version, identifier or argument was malformed. */
        INVALID_INPUT("Correct the value named in the message and try again"),
        /** The migrations in the code and the history table disagree. */
        VALIDATION_FAILED("Resolve each problem listed, then migrate again"),
        /** A rollback reached a migration that is not {@link SafelyReversible}. */
        ROLLBACK_REFUSED(MigrationAdvice.fixForward()),
        /** A rollback would delete data. */
        ROLLBACK_WOULD_LOSE_DATA(MigrationAdvice.dataLoss()),
        /** Another runner held the migration lock for longer than the configured wait. */
        LOCK_NOT_ACQUIRED(MigrationAdvice.lockHeld()),
        /** A migration's statement failed. */
        EXECUTION_FAILED("Fix the migration, clear its FAILED record with db:reset VERSION, then migrate again"),
        /** The database could not be reached. */
        CONNECTION_FAILED(MigrationAdvice.connection()),
        /** The operation is switched off by configuration. */
        OPERATION_DISABLED("Enable the operation with the setting named in the message, or do not run it"),
        /** An instance that does not migrate waited in vain for the migrations its release needs. */
        NOT_MIGRATED(MigrationAdvice.notMigrated()),
        /** No tenant has the given id. */
        UNKNOWN_TENANT("Use the id of a listed tenant: db:status --all-tenants lists them"),
        /** The database is not one Saferoll supports. */
        UNSUPPORTED_DATABASE(MigrationAdvice.unsupportedDatabase());

        private final String advice;

        ErrorCode(String advice) {
            this.advice = advice;
        }

        /** The general next step for an error of this kind. */
        public String advice() {
            return this.advice;
        }
    }
}
