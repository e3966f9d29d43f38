package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.database.Database.RelationGrowth;
import dev.saferoll.migrations.database.RelationFile;
import dev.saferoll.migrations.internal.check.RewriteTargets;
import dev.saferoll.migrations.internal.check.StatementCheck;
import dev.saferoll.migrations.sql.SqlName;

/**
 * Measures the database size of one run session, or in a run confined to one schema (a tenant's) that schema's size:
 * exactly once at the start and after a migration that changes data,
 * and, after a migration that only creates or alters tables and indexes, as the last size plus the relations it
 * created, so that a long run does not walk every file of the database after each migration. If the database refuses
 * to tell once, sizes are left out for the rest of the run.
 * <p>
 * A rewritten table (a type change, {@code TRUNCATE}, {@code CLUSTER}) gets new files, and PostgreSQL frees its old
 * ones only when the transaction commits, after the size is recorded. So the probe {@link #watching watches} the
 * statements: before one that may rewrite an existing table it notes the table's files, and it counts off those that
 * were really replaced. A table rewritten where the probe cannot see it (inside a function or a {@code DO} block) is
 * counted twice until the next exact measurement. (A schema's size reads the catalog, which already names a rewritten
 * table's new files only.)
 */
final class SizeProbe {

    private static final Logger logger = LoggerFactory.getLogger(SizeProbe.class);

    private static final Duration NOTE_LOCK_TIMEOUT = Duration.ofMillis(200);

    private final Connection connection;

    private final Database database;

    private final @Nullable String schema;

    private boolean available = true;

    private @Nullable Long mark;

    // The files of existing relations noted before a statement that may rewrite them, by relation.
    private final Map<Long, RelationFile> noted = new HashMap<>();

    /** @param schema the schema to measure, or {@code null} for the whole database */
    SizeProbe(Connection connection, Database database, @Nullable String schema) {
        this.connection = connection;
        this.database = database;
        this.schema = schema;
    }

    /** What the sizes are of, for log lines: {@code database size} or {@code schema size}. */
    String subject() {
        return (this.schema != null) ? "schema size" : "database size";
    }

    /** The size measured exactly, or {@code null} where it is unknown. */
    @Nullable Long exact() {
        this.noted.clear();
        return measure(() -> {
            OptionalLong size = (this.schema != null) ? this.database.schemaSize(this.connection, this.schema)
                    : this.database.databaseSize(this.connection);
            OptionalLong mark = size.isPresent() ? this.database.relationMark(this.connection) : OptionalLong.empty();
            this.mark = mark.isPresent() ? mark.getAsLong() : null;
            return size.isPresent() ? size.getAsLong() : null;
        });
    }

    /**
     * The size after a migration that ran {@code statements} (through a connection {@link #watching} them), starting
     * from {@code before}.
     */
    @Nullable Long after(List<String> statements, @Nullable Long before) {
        Long mark = this.mark;
        if (mark == null) {
            return exact();
        }
        long freed;
        boolean inTransaction;
        try {
            inTransaction = !this.connection.getAutoCommit();
        }
        catch (SQLException ex) {
            inTransaction = true;
        }
        if (before == null || !onlyCreatesOrAlters(statements)) {
            // pg_database_size still counts a rewritten table's old files until the commit frees them.
            freed = (inTransaction && this.schema == null) ? measureOrZero(() -> freed(mark)) : 0;
            Long exact = exact();
            return (exact != null) ? exact - freed : null;
        }
        return measure(() -> {
            RelationGrowth growth = this.database.relationGrowth(this.connection, mark, this.schema);
            long replaced = growth.rewritten() ? freed(mark) : 0;
            this.mark = growth.nextMark();
            this.noted.clear();
            return before + growth.bytes() - replaced;
        });
    }

    /** The size of the noted files that have been replaced by new ones since the mark. */
    private long freed(long mark) throws SQLException {
        if (this.noted.isEmpty()) {
            return 0;
        }
        Set<Long> rewritten = this.database.rewrittenSince(this.connection, this.noted.keySet(), mark);
        return this.noted.values().stream().filter((file) -> rewritten.contains(file.relation()))
            .mapToLong(RelationFile::bytes).sum();
    }

    /**
     * The check of a migration, with this probe watching its statements: before one that may rewrite an existing
     * table, the probe notes the table's files.
     */
    StatementCheck watching(StatementCheck check) {
        return new StatementCheck() {

            @Override
            public void beforeStatement(String sql, MigrationConnection connection) {
                check.beforeStatement(sql, connection);
                note(sql);
            }

            @Override
            public void afterStatement(String sql, MigrationConnection connection) {
                check.afterStatement(sql, connection);
            }

            @Override
            public List<String> notes() {
                return check.notes();
            }
        };
    }

    private void note(String sql) {
        Long mark = this.mark;
        if (mark == null || !this.available) {
            return;
        }
        List<SqlName> tables = RewriteTargets.of(sql, this.database.dialect());
        if (tables.isEmpty()) {
            return;
        }
        Savepoint savepoint = null;
        try {
            // Reading a size takes a share lock on the table. Inside the migration's transaction it is read in a
            // savepoint that is always rolled back: the lock goes again before the statement asks for its own, and
            // the short lock timeout set for the reading with it.
            if (!this.connection.getAutoCommit()) {
                savepoint = this.connection.setSavepoint();
                this.database.configureTransaction(this.connection, NOTE_LOCK_TIMEOUT, null);
            }
            for (SqlName table : tables) {
                for (RelationFile file : this.database.tableFiles(this.connection, table.schema(), table.name())) {
                    if (file.relation() <= mark && file.fileNode() <= mark) {
                        this.noted.putIfAbsent(file.relation(), file);
                    }
                }
            }
        }
        catch (SQLException ex) {
            logger.debug("Could not note the files of {} before it may be rewritten: {}", tables, ex.getMessage());
        }
        finally {
            rollbackQuietly(savepoint);
        }
    }

    private void rollbackQuietly(@Nullable Savepoint savepoint) {
        if (savepoint == null) {
            return;
        }
        try {
            this.connection.rollback(savepoint);
            this.connection.releaseSavepoint(savepoint);
        }
        catch (SQLException ex) {
            logger.debug("Could not roll back to the size probe's savepoint", ex);
        }
    }

    private long measureOrZero(Measurement measurement) {
        Long value = measure(measurement);
        return (value != null) ? value : 0;
    }

    private static boolean onlyCreatesOrAlters(List<String> statements) {
        if (statements.isEmpty()) {
            return false;
        }
        for (String sql : statements) {
            String start = sql.stripLeading().toUpperCase(Locale.ROOT);
            if (!start.startsWith("CREATE ") && !start.startsWith("ALTER ") && !start.startsWith("COMMENT ")) {
                return false;
            }
        }
        return true;
    }

    private @Nullable Long measure(Measurement measurement) {
        if (!this.available) {
            return null;
        }
        boolean inTransaction = true;
        try {
            inTransaction = !this.connection.getAutoCommit();
            return measurement.run();
        }
        catch (SQLException ex) {
            if (inTransaction) {
                throw new MigrationException(ErrorCode.EXECUTION_FAILED, "Could not measure the database size: "
                        + ex.getMessage(), ex);
            }
            logger.warn("Could not measure the database size; leaving it out: {}", ex.getMessage());
            this.available = false;
            this.mark = null;
            return null;
        }
    }

    @FunctionalInterface
    private interface Measurement {

        @Nullable Long run() throws SQLException;
    }
}
