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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.LockNotAcquiredException;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;

/**
 * A session-level advisory lock ({@code pg_try_advisory_lock}) held on a dedicated connection. The connection stays
 * idle in autocommit mode: never inside an open transaction, or {@code CREATE INDEX CONCURRENTLY} on the migration
 * connection would wait for it forever. When the holder dies, PostgreSQL frees the lock with its connection.
 */
final class PostgresAdvisoryLock implements MigrationLock {

    private static final Logger logger = LoggerFactory.getLogger(PostgresAdvisoryLock.class);

    private static final Duration FIRST_POLL = Duration.ofMillis(50);

    private static final Duration MAX_POLL = Duration.ofSeconds(1);

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

    private final DataSource dataSource;

    private final String name;

    private final long key;

    /**
     * @param dataSource where to open the dedicated lock connection
     * @param name the qualified history table; runners of different history tables do not block each other
     */
    PostgresAdvisoryLock(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
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

    @Override
    public Held acquire(Duration wait) {
        Connection connection = open();
        try {
            requireSessionStable(connection);
            long deadline = System.nanoTime() + wait.toNanos();
            Duration pause = FIRST_POLL;
            boolean logged = false;
            while (!tryLock(connection)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String holder = holder(connection).orElse("another session (it could not be identified)");
                    close(connection);
                    throw new LockNotAcquiredException(wait, holder);
                }
                if (!logged) {
                    logger.info("Waiting up to {} for the migration lock on {}, held by {}", wait, this.name,
                            holder(connection).orElse("another session"));
                    logged = true;
                }
                Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left / 1_000_000)));
                pause = (pause.compareTo(MAX_POLL) < 0) ? pause.multipliedBy(2) : MAX_POLL;
            }
            logger.debug("Acquired the migration lock on {}", this.name);
            return new AdvisoryHeld(connection);
        }
        catch (SQLException ex) {
            close(connection);
            throw new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "Could not take the migration lock on "
                    + this.name + ": " + ex.getMessage(), MigrationAdvice.connection(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            close(connection);
            throw new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "Interrupted while waiting for the migration "
                    + "lock on " + this.name + "; nothing was applied", ex);
        }
        catch (RuntimeException ex) {
            close(connection);
            throw ex;
        }
    }

    @Override
    public Optional<String> holder() {
        try (Connection connection = this.dataSource.getConnection()) {
            return holder(connection);
        }
        catch (SQLException ex) {
            logger.debug("Could not find who holds the migration lock", ex);
            return Optional.empty();
        }
    }

    private Connection open() {
        try {
            Connection connection = this.dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        }
        catch (SQLException ex) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Could not open a connection for the migration "
                    + "lock: " + ex.getMessage(), MigrationAdvice.connection(), ex);
        }
    }

    /**
     * A session-level lock needs a connection that keeps its server session. Behind a transaction-mode pooler
     * (PgBouncer) each transaction may run on another server session, and a lock taken there stays with a session
     * that other clients get next. Such a pooler shows itself when a second client's open transaction gets the server
     * session this connection just used, or this connection's next statement runs on another one. Checked before the
     * lock is taken, so nothing is left behind.
     */
    private void requireSessionStable(Connection connection) throws SQLException {
        long first = backendPid(connection);
        long other;
        long again;
        try (Connection probe = this.dataSource.getConnection()) {
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
            throw new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "The migration lock on " + this.name
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

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, this.key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private Optional<String> holder(Connection connection) {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
            statement.setLong(1, this.key);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    holders.add(rows.getString(1));
                }
            }
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Could not find who holds the migration lock", ex);
        }
        return holders.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", holders));
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        }
        catch (SQLException ex) {
            logger.debug("Could not close the migration lock connection", ex);
        }
    }

    private final class AdvisoryHeld implements Held {

        private final Connection connection;

        private boolean released;

        AdvisoryHeld(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void verify() {
            boolean valid;
            try {
                valid = this.connection.isValid(2);
            }
            catch (SQLException ex) {
                valid = false;
            }
            if (!valid) {
                throw new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "The migration lock on " + name
                        + " was lost because its connection ended; nothing more was applied",
                        "Check the database connection, then migrate again");
            }
        }

        @Override
        public synchronized void close() {
            if (this.released) {
                return;
            }
            this.released = true;
            try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, key);
                statement.execute();
            }
            catch (SQLException ex) {
                logger.debug("Could not release the migration lock explicitly; closing its connection frees it", ex);
            }
            PostgresAdvisoryLock.close(this.connection);
            logger.debug("Released the migration lock on {}", name);
        }
    }
}
