package dev.saferoll.migrations.schema.grammar;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.SchemaCommand;
import dev.saferoll.migrations.schema.TableName;

/**
 * All SQL of one dialect: it compiles the schema builder's commands, and it supplies the few statements the runner,
 * the history store and the lock need. No other class writes dialect SQL. Compiling is pure: no database is needed.
 */
public interface Grammar {

    /** The dialect this grammar writes. */
    Dialect dialect();

    /** The statements for one schema command, in the order they must run. */
    List<String> compile(SchemaCommand command);

    /** The statements for several commands, in order. */
    default List<String> compile(List<? extends SchemaCommand> commands) {
        return commands.stream().flatMap((command) -> compile(command).stream()).toList();
    }

    /** Whether DDL takes part in transactions, so a failed migration leaves no partial schema. */
    boolean supportsTransactionalDdl();

    /**
     * Statements that set the lock and statement timeouts for the current transaction only; empty when both are
     * {@code null}.
     */
    List<String> transactionTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout);

    /** A query returning one {@code bigint}: the size of the current database in bytes. */
    String databaseSizeQuery();

    /** A query with one {@code bigint} parameter (the lock key) returning one boolean: whether the lock was taken. */
    String tryLockQuery();

    /** A query with one {@code bigint} parameter (the lock key) that releases the lock. */
    String unlockQuery();

    /**
     * A query with one {@code bigint} parameter (the lock key) returning one text column per holder of the lock, each
     * a readable description (pid, application name, client address, since when).
     */
    String lockHolderQuery();

    /** A query returning the current schema name. */
    String currentSchemaQuery();

    /** A query returning the user name and client address, recorded as {@code applied_by}. */
    String currentUserQuery();

    /**
     * A query with two text parameters (schema, table) that returns one row when the table exists and none
     * otherwise.
     */
    String tableExistsQuery();

    /**
     * Statements that drop every table, view and sequence in the schema, for {@code db:fresh}.
     * @param schema the schema whose objects to drop, already validated
     */
    List<String> dropAllObjects(String schema);

    /**
     * Statements that set the lock and statement timeouts for the session, for a migration that runs outside a
     * transaction; {@link #resetSessionTimeouts()} undoes them. Empty when both are {@code null} or the dialect has
     * no such settings.
     */
    default List<String> sessionTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {
        return List.of();
    }

    /** Statements that undo {@link #sessionTimeouts}. */
    default List<String> resetSessionTimeouts() {
        return List.of();
    }

    /**
     * A query with no parameters and no rows whose one column is the key column, so that its JDBC type can be read
     * from the result set's metadata.
     */
    String backfillKeyProbeQuery(TableName table, ColumnName key);

    /**
     * The condition that selects one batch by key: with a lower bound it takes two parameters (lower bound,
     * exclusive; upper bound, inclusive), without one it takes only the upper bound.
     */
    String backfillKeyRange(ColumnName key, boolean hasLowerBound);

    /**
     * A query for the next batch. Parameters: the lower bound (exclusive) if {@code hasLowerBound}, then the batch
     * size. It returns no row when no row is left, else one row: the batch's highest key and its number of rows.
     * @param condition raw SQL from the migration's author that rows must match, or {@code null}
     */
    String backfillNextBatchQuery(TableName table, ColumnName key, @Nullable String condition, boolean hasLowerBound);

    /**
     * A query with the lower bound (exclusive) as its parameter if {@code hasLowerBound}, returning one
     * {@code bigint}: the number of rows after it that match the condition.
     */
    String backfillRemainingRowsQuery(TableName table, ColumnName key, @Nullable String condition,
            boolean hasLowerBound);

    /**
     * A query with one text parameter (the table's quoted name) returning one {@code bigint}: the planner's estimate
     * of the table's rows, or a negative number when there is none.
     */
    String tableRowEstimateQuery();

    /**
     * The {@code UPDATE} of one batch, with the parameters of {@link #backfillKeyRange}.
     * @param setClause raw SQL from the migration's author, for example {@code status = 'active'}
     * @param condition raw SQL from the migration's author that rows must match, or {@code null}
     */
    String backfillUpdate(TableName table, ColumnName key, String setClause, @Nullable String condition,
            boolean hasLowerBound);

    /**
     * The {@code INSERT ... SELECT} that copies one batch of {@code source} into {@code target}, with the parameters
     * of {@link #backfillKeyRange}.
     * @param selectExpressions raw SQL from the migration's author: one expression per target column, over the source
     * @param condition raw SQL from the migration's author that source rows must match, or {@code null}
     */
    String backfillCopy(TableName source, ColumnName key, TableName target, List<ColumnName> targetColumns,
            String selectExpressions, @Nullable String condition, boolean hasLowerBound);

    /**
     * The catalog queries that describe one schema's tables, columns, indexes and constraints, for checking that a
     * rollback restores the schema exactly.
     */
    SchemaSnapshotQueries schemaSnapshotQueries();

    /**
     * Statements run once on the migration connection when a run starts, so that a migration whose client died stops
     * on the server instead of running on (and holding its locks) after the migration lock was freed. A statement
     * the server does not know is skipped.
     */
    default List<String> connectionSetup() {
        return List.of();
    }

    /** Statements that undo {@link #connectionSetup()} before the connection goes back to its pool. */
    default List<String> connectionReset() {
        return List.of();
    }

    /**
     * A query returning one {@code bigint} mark above which every relation created or rewritten later gets its
     * identifier, or {@code null} when the dialect cannot measure growth that way (then the size is always measured
     * with {@link #databaseSizeQuery()}).
     */
    default @Nullable String relationMarkQuery() {
        return null;
    }

    /**
     * A query with three {@code bigint} parameters, each the same mark from {@link #relationMarkQuery()}, returning two
     * {@code bigint}s: the bytes of every relation created or rewritten since the mark, and the new mark. Used only
     * when {@link #relationMarkQuery()} is not {@code null}.
     */
    default @Nullable String relationGrowthQuery() {
        return null;
    }
}
