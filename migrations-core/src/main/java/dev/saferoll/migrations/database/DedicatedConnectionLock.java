package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.LockNotAcquiredException;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;

/**
 * A migration lock held on a connection of its own, which the database frees when that connection ends: the shape
 * of every dialect's lock (PostgreSQL's advisory lock, MySQL's named lock, H2's row lock). A subclass says how to
 * try the lock once (waiting at most a given time), how to name its holder and how to release it; this class polls
 * until the wait runs out and checks the connection.
 */
abstract class DedicatedConnectionLock implements MigrationLock {

    private static final Logger logger = LoggerFactory.getLogger(DedicatedConnectionLock.class);

    private static final Duration FIRST_POLL = Duration.ofMillis(50);

    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final DataSource dataSource;

    private final String name;

    /**
     * @param dataSource where to open the dedicated lock connection
     * @param name the qualified history table, for messages
     */
    DedicatedConnectionLock(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    /** Prepares a new lock connection, for example creating what the lock needs. */
    abstract void prepare(Connection connection) throws SQLException;

    /**
     * Tries to take the lock, waiting for it at most {@code wait} (a lock that cannot wait sleeps that long when
     * taken); true when it is held.
     */
    abstract boolean tryLock(Connection connection, Duration wait) throws SQLException;

    /** Who holds the lock, read on any connection; empty when nobody does or it cannot be told. */
    abstract Optional<String> holder(Connection connection) throws SQLException;

    /** Releases the lock; the connection is closed right after, which releases it anyway. */
    abstract void release(Connection connection) throws SQLException;

    @Override
    public Held acquire(Duration wait) {
        Connection connection = open();
        try {
            prepare(connection);
            long deadline = System.nanoTime() + wait.toNanos();
            Duration pause = (wait.compareTo(FIRST_POLL) < 0) ? wait : FIRST_POLL;
            boolean logged = false;
            while (!tryLock(connection, pause)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String holder = holderQuietly(connection).orElse("another session (it could not be identified)");
                    close(connection);
                    throw new LockNotAcquiredException(wait, holder);
                }
                if (!logged) {
                    logger.info("Waiting up to {} for the migration lock on {}, held by {}", wait, this.name,
                            holderQuietly(connection).orElse("another session"));
                    logged = true;
                }
                Duration remaining = Duration.ofNanos(left);
                pause = (pause.compareTo(MAX_POLL) < 0) ? pause.multipliedBy(2) : MAX_POLL;
                pause = (pause.compareTo(remaining) < 0) ? pause : remaining;
            }
            logger.debug("Acquired the migration lock on {}", this.name);
            return new DedicatedHeld(connection);
        }
        catch (SQLException ex) {
            close(connection);
            throw new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "Could not take the migration lock on "
                    + this.name + ": " + ex.getMessage(), MigrationAdvice.connection(), ex);
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

    private Optional<String> holderQuietly(Connection connection) {
        try {
            return holder(connection);
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Could not find who holds the migration lock", ex);
            return Optional.empty();
        }
    }

    /** Where the lock opens its connection; a subclass may open another there for its checks. */
    DataSource dataSource() {
        return this.dataSource;
    }

    /** The qualified history table, for messages. */
    String name() {
        return this.name;
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

    private static void close(Connection connection) {
        try {
            connection.close();
        }
        catch (SQLException ex) {
            logger.debug("Could not close the migration lock connection", ex);
        }
    }

    private final class DedicatedHeld implements Held {

        private final Connection connection;

        private boolean released;

        DedicatedHeld(Connection connection) {
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
            try {
                release(this.connection);
            }
            catch (SQLException ex) {
                logger.debug("Could not release the migration lock explicitly; closing its connection frees it", ex);
            }
            DedicatedConnectionLock.close(this.connection);
            logger.debug("Released the migration lock on {}", name);
        }
    }
}
