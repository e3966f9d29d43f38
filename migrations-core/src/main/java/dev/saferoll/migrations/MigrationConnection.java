package dev.saferoll.migrations;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import dev.saferoll.migrations.schema.grammar.Dialect;

/**
 * The database as a migration sees it: statements with bound parameters, queries, the {@link Dialect}, and the raw
 * JDBC connection for anything else. Inside a transactional migration every call joins the migration's transaction;
 * never commit or roll back the raw connection yourself.
 */
public interface MigrationConnection {

    /**
     * Executes one statement with bound parameters ({@code ?} placeholders) and returns the number of rows affected.
     */
    int execute(String sql, Object... parameters);

    /** Runs a query with bound parameters and maps every row. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters);

    /** Runs a query that returns at most one row. */
    default <T> Optional<T> queryForOptional(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = query(sql, mapper, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row but got " + rows.size() + " for: " + sql);
        }
        return rows.stream().findFirst();
    }

    /** The dialect of the database, which knows its grammar and how to quote identifiers. */
    Dialect dialect();

    /** The underlying JDBC connection. */
    Connection jdbcConnection();
}
