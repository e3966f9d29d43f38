package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs work in a transaction of its own on a connection that is otherwise in autocommit mode. */
final class Transactions {

    private static final Logger logger = LoggerFactory.getLogger(Transactions.class);

    private Transactions() {
    }

    /** Runs the work and commits it, or rolls it back and rethrows; the connection is back in autocommit after. */
    static void run(Connection connection, SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        }
        catch (SQLException | RuntimeException ex) {
            rollbackQuietly(connection);
            throw ex;
        }
        finally {
            connection.setAutoCommit(true);
        }
    }

    /** Rolls back an open transaction and returns to autocommit; a failure to do so is only logged. */
    static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException ex) {
            logger.debug("Could not roll back", ex);
        }
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface SqlWork {

        void run() throws SQLException;
    }
}
