package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;

/** Opens the first connection of a run, retrying with a doubling wait while the database is not up yet. */
final class ConnectionOpener {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionOpener.class);

    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final DataSource dataSource;

    private final int retries;

    private final Duration interval;

    ConnectionOpener(DataSource dataSource, int retries, Duration interval) {
        this.dataSource = dataSource;
        this.retries = retries;
        this.interval = interval;
    }

    /** A connection, retrying as configured while the database is not up yet. */
    Connection open() {
        return open(this.retries);
    }

    /** A connection on the first attempt, for reads that must answer quickly. */
    Connection openOnce() {
        return open(0);
    }

    private Connection open(int retries) {
        int attempts = retries + 1;
        Duration wait = this.interval;
        SQLException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return this.dataSource.getConnection();
            }
            catch (SQLException ex) {
                last = ex;
                if (attempt < attempts) {
                    logger.warn("Could not connect to the database (attempt {} of {}): {}; retrying in {} ms", attempt,
                            attempts, ex.getMessage(), wait.toMillis());
                    sleep(wait);
                    wait = wait.multipliedBy(2);
                    if (wait.compareTo(MAX_WAIT) > 0) {
                        wait = MAX_WAIT;
                    }
                }
            }
        }
        throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Could not connect to the database after "
                + attempts + ((attempts == 1) ? " attempt: " : " attempts: ") + last.getMessage(),
                MigrationAdvice.connection(), last);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MigrationException(ErrorCode.CONNECTION_FAILED,
                    "Interrupted while waiting to retry the database connection", ex);
        }
    }
}
