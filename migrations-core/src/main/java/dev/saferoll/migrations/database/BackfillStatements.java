package dev.saferoll.migrations.database;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.TableName;

/**
 * The statements of a batched backfill in one dialect. Pure: each method only writes SQL, tested by its exact text.
 * Conditions, SET clauses and select expressions are raw SQL from the migration's author; names are validated and
 * quoted.
 */
public interface BackfillStatements {

    /**
     * A query with no parameters and no rows whose one column is the key column, so that its JDBC type can be read
     * from the result set's metadata.
     */
    String keyProbeQuery(TableName table, ColumnName key);

    /**
     * The condition that selects one batch by key: with a lower bound it takes two parameters (lower bound,
     * exclusive; upper bound, inclusive), without one it takes only the upper bound.
     */
    String keyRange(ColumnName key, boolean hasLowerBound);

    /**
     * A query for the next batch. Parameters: the lower bound (exclusive) if {@code hasLowerBound}, then the batch
     * size. It returns no row when no row is left, else one row: the batch's highest key and its number of rows.
     */
    String nextBatchQuery(TableName table, ColumnName key, @Nullable String condition, boolean hasLowerBound);

    /**
     * A query with the lower bound (exclusive) as its parameter if {@code hasLowerBound}, returning one
     * {@code bigint}: the number of rows after it that match the condition.
     */
    String remainingRowsQuery(TableName table, ColumnName key, @Nullable String condition, boolean hasLowerBound);

    /**
     * A query with one text parameter (the table's quoted name) returning one {@code bigint}: the planner's estimate
     * of the table's rows, or a negative number when there is none.
     */
    String rowEstimateQuery();

    /** The {@code UPDATE} of one batch, with the parameters of {@link #keyRange}. */
    String update(TableName table, ColumnName key, String setClause, @Nullable String condition,
            boolean hasLowerBound);

    /** The {@code INSERT ... SELECT} that copies one batch of {@code source} into {@code target}. */
    String copy(TableName source, ColumnName key, TableName target, List<ColumnName> targetColumns,
            String selectExpressions, @Nullable String condition, boolean hasLowerBound);
}
