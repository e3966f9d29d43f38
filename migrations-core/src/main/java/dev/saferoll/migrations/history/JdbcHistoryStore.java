package dev.saferoll.migrations.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.schema.TableName;
import dev.saferoll.migrations.schema.grammar.Dialect;
import dev.saferoll.migrations.schema.grammar.Grammar;

/**
 * The history table over plain JDBC. The DML is standard SQL with the quoted table name; the table itself is created
 * by the schema builder, and the existence check comes from the grammar.
 */
public final class JdbcHistoryStore implements HistoryStore {

    private static final Logger logger = LoggerFactory.getLogger(JdbcHistoryStore.class);

    private static final String COLUMNS = "version, description, domain, reversible, status, applied_at, applied_by, "
            + "execution_time_ms, size_before_bytes, size_after_bytes";

    private final TableName table;

    private final String schema;

    private final Dialect dialect;

    private final Grammar grammar;

    private final String quoted;

    /**
     * @param table the history table
     * @param schema the schema the table lives in (the table's own, or the connection's current schema)
     * @param dialect the database's dialect
     */
    public JdbcHistoryStore(TableName table, String schema, Dialect dialect) {
        this.table = table;
        this.schema = schema;
        this.dialect = dialect;
        this.grammar = dialect.grammar();
        this.quoted = table.quoted(dialect);
    }

    @Override
    public TableName table() {
        return this.table;
    }

    @Override
    public boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(this.grammar.tableExistsQuery())) {
            statement.setString(1, this.schema);
            statement.setString(2, this.table.name());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void ensureTable(Connection connection) throws SQLException {
        if (exists(connection)) {
            return;
        }
        List<String> statements = HistoryTableDefinition.statements(this.table, this.dialect);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        logger.info("Created history table {}", this.table);
    }

    @Override
    public List<HistoryRecord> readAll(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return List.of();
        }
        String sql = "SELECT id, " + COLUMNS + ", rolled_back_at, rolled_back_by, rollback_time_ms FROM " + this.quoted
                + " ORDER BY id";
        List<HistoryRecord> records = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                records.add(new HistoryRecord(rows.getLong("id"),
                        MigrationVersion.fromTimestamp(rows.getString("version")), rows.getString("description"),
                        rows.getString("domain"), rows.getBoolean("reversible"),
                        HistoryStatus.valueOf(rows.getString("status")), instant(rows, "applied_at"),
                        rows.getString("applied_by"), rows.getLong("execution_time_ms"),
                        nullableLong(rows, "size_before_bytes"), nullableLong(rows, "size_after_bytes"),
                        nullableInstant(rows, "rolled_back_at"), rows.getString("rolled_back_by"),
                        nullableLong(rows, "rollback_time_ms")));
            }
        }
        return records;
    }

    @Override
    public HistoryRecord insert(Connection connection, HistoryRecord record) throws SQLException {
        String sql = "INSERT INTO " + this.quoted + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql, new String[] { "id" })) {
            statement.setString(1, record.version().value());
            statement.setString(2, record.description());
            statement.setString(3, record.domain());
            statement.setBoolean(4, record.reversible());
            statement.setString(5, record.status().name());
            statement.setTimestamp(6, Timestamp.from(record.appliedAt()));
            statement.setString(7, record.appliedBy());
            statement.setLong(8, record.executionTimeMs());
            setNullableLong(statement, 9, record.sizeBeforeBytes());
            setNullableLong(statement, 10, record.sizeAfterBytes());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("The database returned no id for the new row of " + this.table);
                }
                return record.withId(keys.getLong(1));
            }
        }
    }

    @Override
    public HistoryRecord markRolledBack(Connection connection, HistoryRecord record, Instant at, String by,
            long timeMs) throws SQLException {
        String sql = "UPDATE " + this.quoted + " SET status = ?, rolled_back_at = ?, rolled_back_by = ?, "
                + "rollback_time_ms = ? WHERE id = ? AND status = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, HistoryStatus.ROLLED_BACK.name());
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setString(3, by);
            statement.setLong(4, timeMs);
            statement.setLong(5, record.id());
            statement.setString(6, HistoryStatus.APPLIED.name());
            int updated = statement.executeUpdate();
            if (updated != 1) {
                throw new SQLException("History row " + record.id() + " of " + record.version()
                        + " is no longer APPLIED; another runner changed " + this.table);
            }
        }
        return record.rolledBack(at, by, timeMs);
    }

    @Override
    public int deleteFailed(Connection connection, MigrationVersion version) throws SQLException {
        if (!exists(connection)) {
            return 0;
        }
        String sql = "DELETE FROM " + this.quoted + " WHERE version = ? AND status = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, version.value());
            statement.setString(2, HistoryStatus.FAILED.name());
            return statement.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return (timestamp != null) ? timestamp.toInstant() : Instant.EPOCH;
    }

    private static @Nullable Instant nullableInstant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return (timestamp != null) ? timestamp.toInstant() : null;
    }

    private static @Nullable Long nullableLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static void setNullableLong(PreparedStatement statement, int index, @Nullable Long value)
            throws SQLException {
        if (value != null) {
            statement.setLong(index, value);
        }
        else {
            statement.setNull(index, Types.BIGINT);
        }
    }
}
