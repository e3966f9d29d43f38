package dev.saferoll.migrations.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.schema.TableName;

/**
 * Where applied migrations are recorded. Every method works on the connection it is given and joins whatever
 * transaction is open on it, so a migration's change and its row commit together. To implement one for another
 * dialect, keep the DML standard and take anything dialect-specific from the grammar.
 */
public interface HistoryStore {

    /** The history table. */
    TableName table();

    /** Whether the table exists. */
    boolean exists(Connection connection) throws SQLException;

    /** Creates the table and its indexes if they do not exist yet. */
    void ensureTable(Connection connection) throws SQLException;

    /** Every row, ordered by id; empty when the table does not exist. */
    List<HistoryRecord> readAll(Connection connection) throws SQLException;

    /** Inserts an APPLIED or FAILED row and returns it with its id. */
    HistoryRecord insert(Connection connection, HistoryRecord record) throws SQLException;

    /** Marks an APPLIED row ROLLED_BACK; returns the updated row. */
    HistoryRecord markRolledBack(Connection connection, HistoryRecord record, Instant at, String by, long timeMs)
            throws SQLException;

    /** Deletes the FAILED row of a version; returns how many rows were deleted. */
    int deleteFailed(Connection connection, MigrationVersion version) throws SQLException;
}
