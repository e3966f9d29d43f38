package dev.saferoll.migrations.lock;

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

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.schema.TableName;
import dev.saferoll.migrations.schema.grammar.Grammar;

/**
 * A session-level advisory lock (PostgreSQL {@code pg_try_advisory_lock}) held on a dedicated connection. The
 * connection stays idle in autocommit mode: never inside an open transaction, or {@code CREATE INDEX CONCURRENTLY} on
 * the migration connection would wait for it forever. When the holder dies, the database frees the lock.
 */
public final class AdvisoryLock implements MigrationLock {

    private static final Logger logger = LoggerFactory.getLogger(AdvisoryLock.class);

    private static final Duration FIRST_POLL = Duration.ofMillis(50);

    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final DataSource dataSource;

    private final Grammar grammar;

    private final long key;

    private final String name;

    /**
     * @param dataSource where to open the dedicated lock connection
     * @param grammar the dialect's lock statements
     * @param schema the history table's schema
     * @param table the history table; runners of different history tables do not block each other
     */
    public AdvisoryLock(DataSource dataSource, Grammar grammar, String schema, TableName table) {
        this.dataSource = dataSource;
        this.grammar = grammar;
        this.name = schema + "." + table.name();
        this.key = key(this.name);
    }

    /** The lock key: a stable 64-bit hash of {@code saferoll:schema.table}. */
    public static long key(String qualifiedTable) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("saferoll:" + qualifiedTable).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    public long key() {
        return this.key;
    }

    @Override
    public Held acquire(Duration wait) {
        Connection connection = open();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            Duration pause = FIRST_POLL;
            boolean logged = false;
            while (!tryLock(connection)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String holder = holder(connection);
                    close(connection);
                    throw new LockNotAcquiredException(wait, holder);
                }
                if (!logged) {
                    logger.info("Waiting up to {} for the migration lock on {}, held by {}", wait, this.name,
                            holder(connection));
                    logged = true;
                }
                Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left / 1_000_000)));
                pause = (pause.compareTo(MAX_POLL) < 0) ? pause.multipliedBy(2) : MAX_POLL;
            }
            logger.info("Acquired the migration lock on {}", this.name);
            return new AdvisoryHeld(connection);
        }
        catch (SQLException ex) {
            close(connection);
            throw new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "Could not take the migration lock on "
                    + this.name + ": " + ex.getMessage() + "; check the database connection and try again", ex);
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

    private Connection open() {
        try {
            Connection connection = this.dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        }
        catch (SQLException ex) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Could not open a connection for the migration "
                    + "lock: " + ex.getMessage() + "; check that the database is up and the pool has a free connection",
                    ex);
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(this.grammar.tryLockQuery())) {
            statement.setLong(1, this.key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private String holder(Connection connection) {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(this.grammar.lockHolderQuery())) {
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
        return holders.isEmpty() ? "another session (it could not be identified)" : String.join("; ", holders);
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
                        + " was lost because its connection ended; nothing more was applied. Check the database "
                        + "connection, then migrate again");
            }
        }

        @Override
        public synchronized void close() {
            if (this.released) {
                return;
            }
            this.released = true;
            try (PreparedStatement statement = this.connection.prepareStatement(grammar.unlockQuery())) {
                statement.setLong(1, key);
                statement.execute();
            }
            catch (SQLException ex) {
                logger.debug("Could not release the migration lock explicitly; closing its connection frees it", ex);
            }
            AdvisoryLock.close(this.connection);
            logger.debug("Released the migration lock on {}", name);
        }
    }
}
