package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.schema.TableName;

/**
 * Opens the run sessions of one {@code Migrations} instance: where to connect, which history table, and the lock and
 * timeout settings a migrating session applies.
 */
public final class RunSessions {

    private final DataSource dataSource;

    private final ConnectionOpener opener;

    private final TableName table;

    private final @Nullable String schema;

    private final Duration lockWaitTimeout;

    private final @Nullable Duration lockTimeout;

    private final @Nullable Duration statementTimeout;

    /**
     * @param dataSource where migrations run and the lock is taken
     * @param table the history table, qualified or not
     * @param schema the schema every session works in (a tenant's), or {@code null} for the connection's own
     * @param lockWaitTimeout how long to wait for another runner's lock
     * @param lockTimeout the lock timeout of a migrating session, or {@code null} for the server's
     * @param statementTimeout the statement timeout of a migrating session, or {@code null} for the server's
     * @param connectRetries how often to retry the first connection of a run
     * @param connectRetriesInterval the first wait between connection attempts
     */
    public RunSessions(DataSource dataSource, TableName table, @Nullable String schema, Duration lockWaitTimeout,
            @Nullable Duration lockTimeout, @Nullable Duration statementTimeout, int connectRetries,
            Duration connectRetriesInterval) {
        this.dataSource = dataSource;
        this.opener = new ConnectionOpener(dataSource, connectRetries, connectRetriesInterval);
        this.table = table;
        this.schema = schema;
        this.lockWaitTimeout = lockWaitTimeout;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    /** A session for a run that may change the database; its first connection is retried as configured. */
    RunSession open() {
        return open(this.opener.open(), true);
    }

    /** A session that only reads, on one connection attempt, so a status read answers quickly. */
    RunSession openForReading() {
        return open(this.opener.openOnce(), false);
    }

    private RunSession open(Connection connection, boolean migrating) {
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            Database database = Database.of(Dialect.of(connection));
            if (this.schema == null) {
                String schema = (this.table.schema() != null) ? this.table.schema()
                        : database.currentSchema(connection);
                return new RunSession(this, connection, database, new TableName(schema, this.table.name()), null);
            }
            if (migrating) {
                database.createSchema(connection, this.schema);
            }
            String previous = database.useSchema(connection, this.schema);
            return new RunSession(this, connection, database, new TableName(this.schema, this.table.name()),
                    previous);
        }
        catch (SQLException ex) {
            RunSession.closeQuietly(connection);
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Could not prepare the migration run: "
                    + ex.getMessage(), MigrationAdvice.connection(), ex);
        }
        catch (RuntimeException ex) {
            RunSession.closeQuietly(connection);
            throw ex;
        }
    }

    /** What log lines start with, so that the runs of many tenants tell apart: {@code "acme: "}, or nothing. */
    String logPrefix() {
        return (this.schema != null) ? this.schema + ": " : "";
    }

    DataSource dataSource() {
        return this.dataSource;
    }

    Duration lockWaitTimeout() {
        return this.lockWaitTimeout;
    }

    @Nullable Duration lockTimeout() {
        return this.lockTimeout;
    }

    @Nullable Duration statementTimeout() {
        return this.statementTimeout;
    }
}
