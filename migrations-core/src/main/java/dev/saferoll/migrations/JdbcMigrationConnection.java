package dev.saferoll.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link MigrationConnection#of(Connection, Dialect)}: plain JDBC, nothing recorded or checked. */
final class JdbcMigrationConnection implements MigrationConnection {

    private final Connection connection;

    private final Dialect dialect;

    JdbcMigrationConnection(Connection connection, Dialect dialect) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** {@inheritDoc} A statement that returns rows (a {@code SELECT}) is run and counts as 0 rows affected. */
    @Override
    public int execute(String sql, Object... parameters) {
        try {
            if (parameters == null || parameters.length == 0) {
                try (Statement statement = this.connection.createStatement()) {
                    return affected(statement, statement.execute(sql));
                }
            }
            try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
                bind(statement, parameters);
                return affected(statement, statement.execute());
            }
        }
        catch (SQLException ex) {
            throw new StatementFailedException(sql, ex);
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try {
            if (parameters == null || parameters.length == 0) {
                try (Statement statement = this.connection.createStatement();
                        ResultSet rows = statement.executeQuery(sql)) {
                    return map(rows, mapper);
                }
            }
            try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
                bind(statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    return map(rows, mapper);
                }
            }
        }
        catch (SQLException ex) {
            throw new StatementFailedException(sql, ex);
        }
    }

    @Override
    public Dialect dialect() {
        return this.dialect;
    }

    @Override
    public Connection jdbcConnection() {
        return this.connection;
    }

    private static int affected(Statement statement, boolean returnsRows) throws SQLException {
        return returnsRows ? 0 : Math.max(statement.getUpdateCount(), 0);
    }

    private static <T> List<T> map(ResultSet rows, RowMapper<T> mapper) throws SQLException {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
            result.add(mapper.map(rows));
        }
        return result;
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter == null) {
                statement.setNull(i + 1, Types.NULL);
            }
            else if (parameter instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            }
            else if (parameter instanceof Enum<?> value) {
                statement.setString(i + 1, value.name());
            }
            else {
                statement.setObject(i + 1, parameter);
            }
        }
    }
}
