package dev.saferoll.migrations.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.database.BackfillStatements;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.TableName;

/**
 * A change to every row of a large table, made in batches of keys, each in its own short transaction. Batches follow
 * the key column ({@code WHERE key > last AND key <= next}), never {@code OFFSET}, so that every batch costs the same
 * and every row is visited once. Each batch commits together with its progress row in
 * {@code saferoll_backfill_progress}: a killed backfill, run again under the same name, resumes after the last
 * committed batch, and a finished one does nothing. Each batch locks its progress row first, so two runners of one
 * backfill take turns and never do a batch twice.
 * <pre>{@code
 * Backfill.named("users_status_active")
 *     .table("users").key("id")
 *     .update("status = 'active'", "status IS NULL")
 *     .run(connection);
 * }</pre>
 * Run it from a migration whose {@code isTransactional()} returns {@code false}, or with {@link #run(DataSource)}
 * outside migrations. The key should be unique and indexed, ideally the primary key; it may be an integer, text or
 * uuid column; rows whose key is {@code NULL} are not visited. The SET clause, conditions and select expressions are
 * raw SQL written by the migration's author and must never contain user input; table and column names are validated
 * and quoted. Not thread-safe: configure, then run.
 */
public final class Backfill {

    /** The progress table used unless {@link #progressTable(TableName)} names another. */
    public static final TableName DEFAULT_PROGRESS_TABLE = TableName.of("saferoll_backfill_progress");

    private static final int MAX_NAME_LENGTH = 200;

    private final String name;

    private @Nullable TableName table;

    private ColumnName key = ColumnName.of("id");

    private int batchSize = 10_000;

    private Duration pause = Duration.ofMillis(100);

    private Duration lockTimeout = Duration.ofSeconds(5);

    private @Nullable Duration statementTimeout;

    private @Nullable String condition;

    private @Nullable Change change;

    private TableName progressTable = DEFAULT_PROGRESS_TABLE;

    private @Nullable BackfillListener listener;

    private Backfill(String name) {
        this.name = name;
    }

    /**
     * Starts a backfill. The name identifies its progress: running a backfill of the same name again resumes it.
     * @throws MigrationException if the name is blank, longer than 200 characters or holds control characters
     */
    public static Backfill named(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("Invalid backfill name '" + name + "': use 1 to " + MAX_NAME_LENGTH
                    + " printable characters, for example users_status_active");
        }
        return new Backfill(name);
    }

    /** The table whose rows are visited (the source, in {@link #copyInto copy} mode). */
    public Backfill table(TableName table) {
        this.table = Objects.requireNonNull(table, "table");
        return this;
    }

    /** The table whose rows are visited, as {@code table} or {@code schema.table}. */
    public Backfill table(String table) {
        return table(TableName.fromString(table));
    }

    /** The ordered key column the batches follow; {@code id} unless set. */
    public Backfill key(ColumnName key) {
        this.key = Objects.requireNonNull(key, "key");
        return this;
    }

    public Backfill key(String key) {
        return key(ColumnName.fromString(key));
    }

    /**
     * The number of rows per batch; 10,000 unless set.
     * @throws MigrationException if it is less than 1
     */
    public Backfill batchSize(int batchSize) {
        if (batchSize < 1) {
            throw invalid("The batch size of backfill '" + this.name + "' must be at least 1 but was " + batchSize
                    + "; 1,000 to 10,000 rows suit most tables");
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * The pause between batches, which leaves room for other traffic and replication; 100 ms unless set, may be zero.
     * @throws MigrationException if it is negative
     */
    public Backfill pause(Duration pause) {
        this.pause = nonNegative("pause", pause);
        return this;
    }

    /**
     * How long a batch waits for a row or table lock before it fails; 5 s unless set, zero waits forever. A batch
     * that times out is rolled back, and running the backfill again resumes it.
     * @throws MigrationException if it is negative
     */
    public Backfill lockTimeout(Duration lockTimeout) {
        this.lockTimeout = nonNegative("lock timeout", lockTimeout);
        return this;
    }

    /**
     * The longest a batch's statements may run; unlimited unless set (the session's setting applies).
     * @throws MigrationException if it is negative
     */
    public Backfill statementTimeout(Duration statementTimeout) {
        this.statementTimeout = nonNegative("statement timeout", statementTimeout);
        return this;
    }

    /**
     * Restricts the backfill to rows matching a condition: raw SQL written by the migration's author, for example
     * {@code status IS NULL}. Batches then hold up to the batch size of matching rows.
     */
    public Backfill where(String condition) {
        this.condition = requireSql("condition", condition);
        return this;
    }

    /**
     * Updates each batch: {@code UPDATE table SET <setClause> WHERE <key range> [AND (<condition>)]}.
     * @param setClause raw SQL written by the migration's author, for example {@code status = 'active'}
     */
    public Backfill update(String setClause) {
        String set = requireSql("SET clause", setClause);
        this.change = (connection, statements, range) -> connection.execute(statements.update(requireTable(),
                this.key, set, this.condition, range.lowerExclusive() != null), range.parameterArray());
        return this;
    }

    /**
     * Updates the rows that match a condition, batch by batch; the same as {@code where(condition).update(setClause)}.
     * @param setClause raw SQL written by the migration's author, for example {@code status = 'active'}
     * @param condition raw SQL written by the migration's author, for example {@code status IS NULL}
     */
    public Backfill update(String setClause, String condition) {
        return where(condition).update(setClause);
    }

    /**
     * Copies each batch into another table:
     * {@code INSERT INTO target (columns) SELECT <selectExpressions> FROM table WHERE <key range> [AND (<condition>)]}.
     * @param selectExpressions raw SQL written by the migration's author: one expression per target column, over the
     * source table, for example {@code id, lower(email)}
     */
    public Backfill copyInto(TableName target, List<ColumnName> targetColumns, String selectExpressions) {
        Objects.requireNonNull(target, "target");
        List<ColumnName> columns = List.copyOf(targetColumns);
        if (columns.isEmpty()) {
            throw invalid("Backfill '" + this.name + "' copies into " + target
                    + " but names no target columns; list the columns the select expressions fill");
        }
        String expressions = requireSql("select expressions", selectExpressions);
        this.change = (connection, statements, range) -> connection.execute(statements.copy(requireTable(),
                this.key, target, columns, expressions, this.condition, range.lowerExclusive() != null),
                range.parameterArray());
        return this;
    }

    /** Runs the author's own change on each batch, inside the batch's transaction. */
    public Backfill eachBatch(BatchAction action) {
        Objects.requireNonNull(action, "action");
        this.change = (connection, statements, range) -> action.apply(connection, range);
        return this;
    }

    /** The table that records progress; {@link #DEFAULT_PROGRESS_TABLE} unless set. Created when missing. */
    public Backfill progressTable(TableName progressTable) {
        this.progressTable = Objects.requireNonNull(progressTable, "progressTable");
        return this;
    }

    /** Called after each committed batch; an exception from it stops the backfill. */
    public Backfill listener(BackfillListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Runs or resumes the backfill on a connection in auto-commit mode, committing each batch. The connection is
     * left in auto-commit mode.
     * @throws MigrationException ({@code INVALID_INPUT}) if the connection is inside a transaction or the backfill is
     * incomplete
     * @throws BackfillFailedException if a batch fails; it was rolled back and the batches before it stay committed
     */
    public BackfillResult run(MigrationConnection connection) {
        Objects.requireNonNull(connection, "connection");
        Change change = requireChange();
        TableName table = requireTable();
        boolean autoCommit;
        try {
            autoCommit = connection.jdbcConnection().getAutoCommit();
        }
        catch (SQLException ex) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Backfill '" + this.name
                    + "' could not read the connection's auto-commit mode: " + ex.getMessage(), ex);
        }
        if (!autoCommit) {
            throw invalid("Backfill '" + this.name + "' cannot run inside a transaction: a batched backfill commits "
                    + "each batch; run it from a migration whose isTransactional() returns false");
        }
        return new BackfillRun(this, table, change, connection).run();
    }

    /** Runs or resumes the backfill on a connection of its own from the data source, outside migrations. */
    public BackfillResult run(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        requireChange();
        requireTable();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                return run(MigrationConnection.of(connection));
            }
            finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        catch (SQLException ex) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Backfill '" + this.name
                    + "' could not use a connection from the data source: " + ex.getMessage(), ex);
        }
    }

    String name() {
        return this.name;
    }

    ColumnName key() {
        return this.key;
    }

    int batchSize() {
        return this.batchSize;
    }

    Duration pause() {
        return this.pause;
    }

    Duration lockTimeout() {
        return this.lockTimeout;
    }

    @Nullable Duration statementTimeout() {
        return this.statementTimeout;
    }

    @Nullable String condition() {
        return this.condition;
    }

    TableName progressTable() {
        return this.progressTable;
    }

    @Nullable BackfillListener listener() {
        return this.listener;
    }

    private TableName requireTable() {
        if (this.table == null) {
            throw invalid("Backfill '" + this.name + "' has no table; call table(\"...\") before run");
        }
        return this.table;
    }

    private Change requireChange() {
        if (this.change == null) {
            throw invalid("Backfill '" + this.name + "' has no change to make; call update, copyInto or eachBatch "
                    + "before run");
        }
        return this.change;
    }

    private String requireSql(String what, String sql) {
        if (sql == null || sql.isBlank()) {
            throw invalid("The " + what + " of backfill '" + this.name + "' must not be empty");
        }
        return sql.strip();
    }

    private Duration nonNegative(String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative()) {
            throw invalid("The " + what + " of backfill '" + this.name + "' must not be negative but was " + duration);
        }
        return duration;
    }

    private static MigrationException invalid(String message) {
        return new MigrationException(ErrorCode.INVALID_INPUT, message);
    }

    /** One batch's change, made inside the batch's transaction. */
    @FunctionalInterface
    interface Change {

        void apply(MigrationConnection connection, BackfillStatements statements, KeyRange range) throws Exception;
    }
}
