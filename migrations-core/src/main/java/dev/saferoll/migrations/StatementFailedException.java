package dev.saferoll.migrations;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/** The database rejected a statement sent through a {@link MigrationConnection}; carries the statement and SQLSTATE. */
public class StatementFailedException extends MigrationException {

    private final String statement;

    private final @Nullable String sqlState;

    public StatementFailedException(String statement, SQLException cause) {
        super(ErrorCode.EXECUTION_FAILED, "Statement failed" + ((cause.getSQLState() != null)
                ? " (SQLSTATE " + cause.getSQLState() + ")" : "") + ": " + cause.getMessage() + "; statement: "
                + statement, cause);
        this.statement = statement;
        this.sqlState = cause.getSQLState();
    }

    public String getStatement() {
        return this.statement;
    }

    public @Nullable String getSqlState() {
        return this.sqlState;
    }
}
