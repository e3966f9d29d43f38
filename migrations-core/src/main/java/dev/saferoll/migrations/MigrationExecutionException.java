package dev.saferoll.migrations;

import org.jspecify.annotations.Nullable;

/**
 * A migration failed while running. A transactional migration was rolled back completely and recorded as FAILED; fix
 * the migration, then run {@code db:reset VERSION} and migrate again.
 */
public class MigrationExecutionException extends MigrationException {

    private final MigrationVersion version;

    private final @Nullable String statement;

    private final @Nullable String sqlState;

    public MigrationExecutionException(MigrationVersion version, String description, String recommendation,
            @Nullable String statement, @Nullable String sqlState, @Nullable Throwable cause) {
        super(ErrorCode.EXECUTION_FAILED, description, recommendation, cause);
        this.version = version;
        this.statement = statement;
        this.sqlState = sqlState;
    }

    public MigrationVersion getVersion() {
        return this.version;
    }

    /** The statement that failed, if the failure came from one. */
    public @Nullable String getStatement() {
        return this.statement;
    }

    /** The SQLSTATE the database reported, if any. */
    public @Nullable String getSqlState() {
        return this.sqlState;
    }
}
