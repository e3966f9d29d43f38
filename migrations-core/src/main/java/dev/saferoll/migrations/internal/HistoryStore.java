package dev.saferoll.migrations.internal;

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
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.schema.TableName;

/**
 * The history table of one run session, on the session's connection. Every method joins whatever transaction is open
 * on that connection, so a migration's change and its row commit together. The DML is standard SQL with the
 * qualified, quoted table name; the table itself is created by the schema builder.
 */
final class HistoryStore {

    private static final Logger logger = LoggerFactory.getLogger(HistoryStore.class);

    private static final String COLUMNS = "version, description, domain, reversible, status, applied_at, applied_by, "
            + "execution_time_ms, size_before_bytes, size_after_bytes, checksum";

    private static final String READ_COLUMNS = "id, version, description, domain, reversible, status, applied_at, "
            + "applied_by, execution_time_ms, size_before_bytes, size_after_bytes, rolled_back_at, rolled_back_by, "
            + "rollback_time_ms";

    private final Connection connection;

    private final Database database;

    private final TableName table;

    private final String quoted;

    /**
     * @param table the history table, qualified by the schema it lives in
     */
    HistoryStore(Connection connection, Database database, TableName table) {
        this.connection = connection;
        this.database = database;
        this.table = table;
        this.quoted = table.quoted(database.dialect());
    }

    TableName table() {
        return this.table;
    }

    boolean exists() throws SQLException {
        return this.database.tableExists(this.connection, this.table.schema(), this.table.name());
    }

    /**
     * Creates the table and its index in a transaction of their own, unless they exist; a table that an earlier
     * Saferoll created gets the columns it lacks.
     */
    void ensureTable() throws SQLException {
        if (exists()) {
            upgrade();
            return;
        }
        if (this.table.schema() != null) {
            this.database.createSchema(this.connection, this.table.schema());
        }
        Transactions.run(this.connection, () -> {
            try (Statement statement = this.connection.createStatement()) {
                for (String sql : HistoryTable.statements(this.table, this.database.dialect())) {
                    statement.execute(sql);
                }
            }
        });
        logger.info("Created history table {}", this.table);
    }

    /**
     * Every row, ordered by id; empty when the table does not exist. Outside a transaction this is one round trip:
     * a missing table shows as the database's error rather than costing a catalog query on every start.
     */
    List<HistoryRecord> readAll() throws SQLException {
        boolean autoCommit = this.connection.getAutoCommit();
        if (!autoCommit && !exists()) {
            return List.of();
        }
        try {
            return select();
        }
        catch (SQLException ex) {
            if (autoCommit && this.database.isUndefinedTable(ex)) {
                return List.of();
            }
            throw ex;
        }
    }

    private List<HistoryRecord> select() throws SQLException {
        try {
            return select(true);
        }
        catch (SQLException ex) {
            if (!this.connection.getAutoCommit()) {
                throw ex;
            }
            // A table from a Saferoll that recorded no checksums; the locked path adds the column.
            try {
                return select(false);
            }
            catch (SQLException legacyFailure) {
                ex.addSuppressed(legacyFailure);
                throw ex;
            }
        }
    }

    private List<HistoryRecord> select(boolean withChecksum) throws SQLException {
        String sql = "SELECT " + READ_COLUMNS + (withChecksum ? ", checksum" : "") + " FROM " + this.quoted
                + " ORDER BY id";
        List<HistoryRecord> records = new ArrayList<>();
        try (Statement statement = this.connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                records.add(new HistoryRecord(rows.getLong(1), MigrationVersion.fromTimestamp(rows.getString(2)),
                        rows.getString(3), rows.getString(4), rows.getBoolean(5),
                        HistoryStatus.valueOf(rows.getString(6)), instant(rows, 7), rows.getString(8),
                        rows.getLong(9), nullableLong(rows, 10), nullableLong(rows, 11), nullableInstant(rows, 12),
                        rows.getString(13), nullableLong(rows, 14), withChecksum ? rows.getString(15) : null));
            }
        }
        return records;
    }

    private void upgrade() throws SQLException {
        try (Statement statement = this.connection.createStatement()) {
            statement.executeQuery("SELECT checksum FROM " + this.quoted + " WHERE 1 = 0").close();
        }
        catch (SQLException ex) {
            Transactions.rollbackQuietly(this.connection);
            Transactions.run(this.connection, () -> {
                try (Statement statement = this.connection.createStatement()) {
                    for (String sql : HistoryTable.upgradeStatements(this.table, this.database.dialect())) {
                        statement.execute(sql);
                    }
                }
            });
            logger.info("Added the checksum column to history table {}", this.table);
        }
    }

    /** Records a new checksum for the APPLIED row of a version; returns whether there was one. */
    boolean acceptChecksum(MigrationVersion version, @Nullable String checksum) throws SQLException {
        String sql = "UPDATE " + this.quoted + " SET checksum = ? WHERE version = ? AND status = ?";
        try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
            statement.setString(1, checksum);
            statement.setString(2, version.value());
            statement.setString(3, HistoryStatus.APPLIED.name());
            return statement.executeUpdate() > 0;
        }
    }

    /** Inserts an APPLIED or FAILED row and returns it with its id. */
    HistoryRecord insert(HistoryRecord record) throws SQLException {
        String sql = "INSERT INTO " + this.quoted + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = this.connection.prepareStatement(sql, new String[] { "id" })) {
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
            statement.setString(11, record.checksum());
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("The database returned no id for the new row of " + this.table);
                }
                return record.withId(keys.getLong(1));
            }
        }
    }

    /** Marks an APPLIED row ROLLED_BACK and returns the updated row. */
    HistoryRecord markRolledBack(HistoryRecord record, Instant at, String by, long timeMs) throws SQLException {
        String sql = "UPDATE " + this.quoted + " SET status = ?, rolled_back_at = ?, rolled_back_by = ?, "
                + "rollback_time_ms = ? WHERE id = ? AND status = ?";
        try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
            statement.setString(1, HistoryStatus.ROLLED_BACK.name());
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setString(3, by);
            statement.setLong(4, timeMs);
            statement.setLong(5, record.id());
            statement.setString(6, HistoryStatus.APPLIED.name());
            if (statement.executeUpdate() != 1) {
                throw new SQLException("History row " + record.id() + " of " + record.version()
                        + " is no longer APPLIED; another runner changed " + this.table);
            }
        }
        return record.rolledBack(at, by, timeMs);
    }

    /** Deletes the FAILED row of a version and returns how many rows were deleted. */
    int deleteFailed(MigrationVersion version) throws SQLException {
        if (!exists()) {
            return 0;
        }
        String sql = "DELETE FROM " + this.quoted + " WHERE version = ? AND status = ?";
        try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
            statement.setString(1, version.value());
            statement.setString(2, HistoryStatus.FAILED.name());
            return statement.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Instant instant = nullableInstant(rows, column);
        return (instant != null) ? instant : Instant.EPOCH;
    }

    private static @Nullable Instant nullableInstant(ResultSet rows, int column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return (timestamp != null) ? timestamp.toInstant() : null;
    }

    private static @Nullable Long nullableLong(ResultSet rows, int column) throws SQLException {
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
