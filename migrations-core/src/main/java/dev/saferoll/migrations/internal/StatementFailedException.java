package dev.saferoll.migrations.internal;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationException;

/** A statement sent through {@link JdbcMigrationConnection} failed; carries the statement and SQLSTATE. */
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
