package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * H2's migration lock: the row of the history table in {@code SAFEROLL_LOCK}, updated in a transaction that stays
 * open on a dedicated connection. H2 has no advisory locks, but a row lock dies with its session, as an advisory
 * lock does: when the holder's connection ends (its JVM dies, or the TCP server sees the socket close), H2 rolls the
 * transaction back. The table holds one row per history table and no state: the holder is written only inside the
 * open transaction, where a dirty read can see it, and rolled back on release.
 */
final class H2RowLock extends DedicatedConnectionLock {

    /** The lock table; {@link H2Database} leaves it out of snapshots and of {@code dropAllObjects}. */
    static final String TABLE = "SAFEROLL_LOCK";

    private static final int LOCK_TIMEOUT_ERROR = 50200;

    private final String table;

    private final String key;

    /**
     * @param schema the schema of the history table, where the lock table lives
     * @param key the qualified history table
     */
    H2RowLock(DataSource dataSource, String schema, String key) {
        super(dataSource, key);
        this.table = "\"" + schema.replace("\"", "\"\"") + "\".\"" + TABLE + "\"";
        this.key = key;
    }

    // Two runners may create the table or the row at once; the loser's statement fails harmlessly.
    @Override
    void prepare(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + this.table
                    + " (\"NAME\" CHARACTER VARYING(255) PRIMARY KEY, \"HOLDER\" CHARACTER VARYING(1000))");
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.table
                + " (\"NAME\") SELECT CAST(? AS CHARACTER VARYING) WHERE NOT EXISTS (SELECT 1 FROM " + this.table
                + " WHERE \"NAME\" = ?)")) {
            statement.setString(1, this.key);
            statement.setString(2, this.key);
            statement.executeUpdate();
        }
        catch (SQLException ex) {
            if (!"23505".equals(ex.getSQLState())) {
                throw ex;
            }
        }
        // Kept in the session, so that release() can restore it before a pool hands the connection out again.
        Jdbc.execute(connection, List.of("SET @SAFEROLL_LOCK_TIMEOUT = LOCK_TIMEOUT()"));
        connection.setAutoCommit(false);
    }

    @Override
    boolean tryLock(Connection connection, Duration wait) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCK_TIMEOUT " + Math.max(1, wait.toMillis()));
        }
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + this.table
                + " SET \"HOLDER\" = ? WHERE \"NAME\" = ?")) {
            statement.setString(1, self(connection));
            statement.setString(2, this.key);
            return statement.executeUpdate() == 1;
        }
        catch (SQLException ex) {
            if (ex.getErrorCode() == LOCK_TIMEOUT_ERROR) {
                return false;
            }
            throw ex;
        }
    }

    private static String self(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT SESSION_ID, USER_NAME, "
                        + "COALESCE(CLIENT_ADDR, 'local'), SESSION_START FROM INFORMATION_SCHEMA.SESSIONS "
                        + "WHERE SESSION_ID = SESSION_ID()")) {
            if (!rows.next()) {
                return "session (unknown)";
            }
            return "session " + rows.getInt(1) + " (user " + rows.getString(2) + ", client " + rows.getString(3)
                    + ", since " + rows.getObject(4, OffsetDateTime.class).toInstant() + ")";
        }
    }

    // Only a dirty read sees the holder: it is written inside the transaction that holds the row.
    @Override
    Optional<String> holder(Connection connection) throws SQLException {
        int isolation = connection.getTransactionIsolation();
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        try (PreparedStatement statement = connection.prepareStatement("SELECT \"HOLDER\" FROM " + this.table
                + " WHERE \"NAME\" = ?")) {
            statement.setString(1, this.key);
            try (ResultSet rows = statement.executeQuery()) {
                return (rows.next() && rows.getString(1) != null) ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
        catch (SQLException ex) {
            if (ex.getErrorCode() >= 42102 && ex.getErrorCode() <= 42104) {
                return Optional.empty();
            }
            throw ex;
        }
        finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setTransactionIsolation(isolation);
        }
    }

    @Override
    void release(Connection connection) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
        String previous = Jdbc.queryForString(connection, "SELECT @SAFEROLL_LOCK_TIMEOUT");
        if (previous != null) {
            Jdbc.execute(connection, List.of("SET LOCK_TIMEOUT " + Long.parseLong(previous),
                    "SET @SAFEROLL_LOCK_TIMEOUT = NULL"));
        }
    }
}
