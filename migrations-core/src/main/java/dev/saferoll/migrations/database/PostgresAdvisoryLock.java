package dev.saferoll.migrations.database;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;

/**
 * A session-level advisory lock ({@code pg_try_advisory_lock}) held on a dedicated connection. The connection stays
 * idle in autocommit mode: never inside an open transaction, or {@code CREATE INDEX CONCURRENTLY} on the migration
 * connection would wait for it forever. When the holder dies, PostgreSQL frees the lock with its connection.
 */
final class PostgresAdvisoryLock extends DedicatedConnectionLock {

    // A bigint advisory key is held as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
    private static final String HOLDERS = "WITH k AS (SELECT ?::bigint AS key) "
            + "SELECT 'pid ' || a.pid || ' (application ''' || coalesce(a.application_name, '') "
            + "|| ''', client ' || coalesce(host(a.client_addr), 'local') "
            + "|| ', user ' || coalesce(a.usename::text, 'unknown') "
            + "|| ', since ' || coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', "
            + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'unknown') || ')' "
            + "FROM pg_locks l JOIN k ON true "
            + "JOIN pg_stat_activity a ON a.pid = l.pid "
            + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
            + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "AND l.classid::bigint = ((k.key >> 32) & 4294967295) "
            + "AND l.objid::bigint = (k.key & 4294967295) "
            + "ORDER BY a.pid";

    private final long key;

    /**
     * @param dataSource where to open the dedicated lock connection
     * @param name the qualified history table; runners of different history tables do not block each other
     */
    PostgresAdvisoryLock(DataSource dataSource, String name) {
        super(dataSource, name);
        this.key = key(name);
    }

    /** The lock key: a stable 64-bit hash of {@code saferoll:schema.table}. */
    static long key(String qualifiedTable) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("saferoll:" + qualifiedTable).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    /**
     * A session-level lock needs a connection that keeps its server session. Behind a transaction-mode pooler
     * (PgBouncer) each transaction may run on another server session, and a lock taken there stays with a session
     * that other clients get next. Such a pooler shows itself when a second client's open transaction gets the server
     * session this connection just used, or this connection's next statement runs on another one. Checked before the
     * lock is taken, so nothing is left behind.
     */
    @Override
    void prepare(Connection connection) throws SQLException {
        long first = backendPid(connection);
        long other;
        long again;
        try (Connection probe = dataSource().getConnection()) {
            probe.setAutoCommit(false);
            try {
                other = backendPid(probe);
                again = backendPid(connection);
            }
            finally {
                probe.rollback();
                probe.setAutoCommit(true);
            }
        }
        if (other == first || again != first) {
            throw new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "The migration lock on " + name()
                    + " needs a connection that keeps its database session, but this one does not (server session "
                    + first + ", then " + ((other == first) ? other + " for another client" : String.valueOf(again))
                    + "), as behind PgBouncer in transaction mode", MigrationAdvice.sessionStableConnection());
        }
    }

    private static long backendPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // pg_try_advisory_lock does not wait: a miss sleeps for the pause before the next try.
    @Override
    boolean tryLock(Connection connection, Duration wait) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, this.key);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next() && rows.getBoolean(1)) {
                    return true;
                }
            }
        }
        try {
            Thread.sleep(wait.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "Interrupted while waiting for the migration "
                    + "lock on " + name() + "; nothing was applied", ex);
        }
        return false;
    }

    @Override
    Optional<String> holder(Connection connection) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
            statement.setLong(1, this.key);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    holders.add(rows.getString(1));
                }
            }
        }
        return holders.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", holders));
    }

    @Override
    void release(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, this.key);
            statement.execute();
        }
    }
}
