package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.database.MigrationLock;
import dev.saferoll.migrations.schema.TableName;

/**
 * One run against the database: it owns the run's connection, its dialect, the history store bound to that
 * connection, the migration lock once taken, the size probe and the session settings it applied. Closing it undoes
 * the settings on every path, releases the lock and returns the connection to its pool as it came.
 */
final class RunSession implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RunSession.class);

    private final RunSessions sessions;

    private final Connection connection;

    private final Database database;

    private final HistoryStore history;

    private final SizeProbe sizes;

    private MigrationLock.@Nullable Held lock;

    private boolean configured;

    private final @Nullable String previousSchema;

    private @Nullable String appliedBy;

    /**
     * @param previousSchema what {@link Database#restoreSchema} puts back on close, or {@code null} when the session
     * kept the connection's schema
     */
    RunSession(RunSessions sessions, Connection connection, Database database, TableName table,
            @Nullable String previousSchema) {
        this.sessions = sessions;
        this.connection = connection;
        this.database = database;
        this.history = new HistoryStore(connection, database, table);
        // A session confined to a schema (a tenant's) measures that schema rather than the whole database.
        this.sizes = new SizeProbe(connection, database, (previousSchema != null) ? table.schema() : null);
        this.previousSchema = previousSchema;
    }

    /** The schema as the last run left it, for drift detection. */
    SchemaRecord schemaRecord() {
        return new SchemaRecord(this.connection, this.database, this.history.table());
    }

    /**
     * Records the schema after a run that changed it, so that later changes by hand show as drift. A failure is only
     * logged: the run itself succeeded.
     */
    void recordSchema() {
        try {
            Transactions.rollbackQuietly(this.connection);
            schemaRecord().record();
        }
        catch (SQLException | RuntimeException ex) {
            logger.warn("Could not record the schema for drift detection; drift is not reported until the next run "
                    + "records it: {}", ex.getMessage());
        }
    }

    /** What this session's log lines start with: the tenant's schema, or nothing. */
    String logPrefix() {
        return this.sessions.logPrefix();
    }

    Connection connection() {
        return this.connection;
    }

    Database database() {
        return this.database;
    }

    HistoryStore history() {
        return this.history;
    }

    SizeProbe sizes() {
        return this.sizes;
    }

    /** The connection as a migration sees it, without checks or recording. */
    MigrationConnection migrationConnection() {
        return MigrationConnection.of(this.connection, this.database.dialect());
    }

    /**
     * Takes the migration lock, waiting as configured, then applies the run's lock and statement timeouts to this
     * session's connection. The timeouts apply only once the lock is held, so a run that never gets it changes nothing.
     */
    void lock() {
        if (this.lock != null) {
            return;
        }
        this.lock = this.database.lock(this.sessions.dataSource(), this.history.table().schema(),
                this.history.table().name()).acquire(this.sessions.lockWaitTimeout());
        this.configured = true;
        try {
            this.database.configureSession(this.connection, this.sessions.lockTimeout(),
                    this.sessions.statementTimeout());
        }
        catch (SQLException ex) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Could not set the run's timeouts: "
                    + ex.getMessage(), MigrationAdvice.connection(), ex);
        }
    }

    /**
     * Reads the history and joins it with the migrations. Without the lock, an unfinished non-transactional
     * migration is RUNNING while someone holds the lock, so the holder is asked then (and only then).
     */
    MigrationPlan plan(List<Migration> migrations) throws SQLException {
        List<HistoryRecord> rows = this.history.readAll();
        String holder = null;
        if (this.lock == null && MigrationPlan.hasUnfinished(rows)) {
            holder = this.database.lock(this.sessions.dataSource(), this.history.table().schema(),
                    this.history.table().name()).holder().orElse(null);
        }
        return new MigrationPlan(migrations, rows, holder);
    }

    /** Checks that the lock taken by {@link #lock()} is still held. */
    void verifyLock() {
        if (this.lock != null) {
            this.lock.verify();
        }
    }

    /** Who runs the migrations, as recorded in the history; read once per session. */
    String appliedBy() throws SQLException {
        if (this.appliedBy == null) {
            this.appliedBy = this.database.currentUser(this.connection);
        }
        return this.appliedBy;
    }

    @Override
    public void close() {
        Transactions.rollbackQuietly(this.connection);
        try {
            if (this.configured) {
                this.database.resetSession(this.connection);
            }
            if (this.previousSchema != null) {
                this.database.restoreSchema(this.connection, this.previousSchema);
            }
        }
        catch (SQLException ex) {
            // A pool must not hand out a connection that still has this run's settings or schema: end it instead.
            logger.debug("Could not reset the session settings; aborting the connection", ex);
            abortQuietly(this.connection);
        }
        closeQuietly(this.connection);
        if (this.lock != null) {
            this.lock.close();
        }
    }

    private static void abortQuietly(Connection connection) {
        try {
            connection.abort(Runnable::run);
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Could not abort the connection", ex);
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        }
        catch (SQLException ex) {
            logger.debug("Could not close the connection", ex);
        }
    }
}
