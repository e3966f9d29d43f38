package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.RowMapper;
import dev.saferoll.migrations.schema.grammar.Dialect;

/**
 * A {@link MigrationConnection} over one JDBC connection. It neither commits nor closes the connection: its owner
 * does. It remembers every statement sent through {@link #execute}, for dry runs and reports.
 */
public class JdbcMigrationConnection implements MigrationConnection {

    private final Connection connection;

    private final Dialect dialect;

    private final List<String> executedStatements = new ArrayList<>();

    public JdbcMigrationConnection(Connection connection, Dialect dialect) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * {@inheritDoc} A statement that returns rows (a {@code SELECT}) is run and counts as 0 rows affected.
     * @throws StatementFailedException if the database rejects the statement
     */
    @Override
    public int execute(String sql, Object... parameters) {
        this.executedStatements.add(sql);
        try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
            bind(statement, parameters);
            boolean returnsRows = statement.execute();
            return returnsRows ? 0 : Math.max(statement.getUpdateCount(), 0);
        }
        catch (SQLException ex) {
            throw new StatementFailedException(sql, ex);
        }
    }

    /** @throws StatementFailedException if the database rejects the query or the mapper fails */
    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
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

    /** The statements sent through {@link #execute} so far, in order (queries are not included). */
    public List<String> executedStatements() {
        return List.copyOf(this.executedStatements);
    }

    /** Forgets the statements recorded so far. */
    public void clearExecutedStatements() {
        this.executedStatements.clear();
    }

    private static void bind(PreparedStatement statement, Object @Nullable [] parameters) throws SQLException {
        if (parameters == null) {
            return;
        }
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
