package dev.saferoll.migrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The database as a migration sees it: statements with bound parameters, queries, the {@link Dialect}, and the raw
 * JDBC connection for anything else. Inside a transactional migration every call joins the migration's transaction;
 * never commit or roll back the raw connection yourself.
 */
public interface MigrationConnection {

    /**
     * Executes one statement and returns the number of rows affected. With parameters it is prepared and they are
     * bound to its {@code ?} placeholders; without, it is sent as it is, so PostgreSQL's jsonb {@code ?} operators
     * work.
     * @throws StatementFailedException if the database rejects the statement
     */
    int execute(String sql, Object... parameters);

    /**
     * Runs a query with bound parameters and maps every row.
     * @throws StatementFailedException if the database rejects the query or the mapper fails
     */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters);

    /** Runs a query that returns at most one row. */
    default <T> Optional<T> queryForOptional(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = query(sql, mapper, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row but got " + rows.size() + " for: " + sql);
        }
        return rows.stream().findFirst();
    }

    /** The dialect of the database, which knows how to quote identifiers. */
    Dialect dialect();

    /** The underlying JDBC connection. */
    Connection jdbcConnection();

    /**
     * A migration connection over a JDBC connection, for running a {@link dev.saferoll.migrations.schema.Schema} or a
     * backfill outside a migration run. It never commits or closes the connection: its owner does.
     * @throws UnsupportedDatabaseException if the database is not one Saferoll supports
     */
    static MigrationConnection of(Connection connection) {
        try {
            return of(connection, Dialect.of(connection));
        }
        catch (SQLException ex) {
            throw new MigrationException(MigrationException.ErrorCode.CONNECTION_FAILED,
                    "Could not read the database's product name: " + ex.getMessage(), MigrationAdvice.connection(),
                    ex);
        }
    }

    /** A migration connection over a JDBC connection whose dialect is known. */
    static MigrationConnection of(Connection connection, Dialect dialect) {
        return new JdbcMigrationConnection(connection, dialect);
    }
}
