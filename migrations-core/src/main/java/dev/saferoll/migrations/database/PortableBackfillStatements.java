package dev.saferoll.migrations.database;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.TableName;

/**
 * The backfill statements of every dialect: standard SQL with window functions, quoted per dialect. Only the row
 * estimate differs, so each dialect gives its own.
 */
final class PortableBackfillStatements implements BackfillStatements {

    private final Dialect dialect;

    private final String rowEstimateQuery;

    PortableBackfillStatements(Dialect dialect, String rowEstimateQuery) {
        this.dialect = dialect;
        this.rowEstimateQuery = rowEstimateQuery;
    }

    @Override
    public String keyProbeQuery(TableName table, ColumnName key) {
        return "SELECT " + q(key) + " FROM " + q(table) + " WHERE false";
    }

    @Override
    public String keyRange(ColumnName key, boolean hasLowerBound) {
        return hasLowerBound ? q(key) + " > ? AND " + q(key) + " <= ?" : q(key) + " <= ?";
    }

    // The window count is taken before the outer LIMIT, so one row carries both the batch's last key and its size;
    // ORDER BY ... LIMIT 1 rather than max() works for every ordered key type, uuid included.
    @Override
    public String nextBatchQuery(TableName table, ColumnName key, @Nullable String condition, boolean hasLowerBound) {
        return "SELECT k, count(*) OVER () FROM (SELECT " + q(key) + " AS k FROM " + q(table) + " WHERE "
                + afterLowerBound(key, condition, hasLowerBound) + " ORDER BY " + q(key)
                + " LIMIT ?) batch ORDER BY k DESC LIMIT 1";
    }

    @Override
    public String remainingRowsQuery(TableName table, ColumnName key, @Nullable String condition,
            boolean hasLowerBound) {
        return "SELECT count(*) FROM " + q(table) + " WHERE " + afterLowerBound(key, condition, hasLowerBound);
    }

    @Override
    public String rowEstimateQuery() {
        return this.rowEstimateQuery;
    }

    @Override
    public String update(TableName table, ColumnName key, String setClause, @Nullable String condition,
            boolean hasLowerBound) {
        return "UPDATE " + q(table) + " SET " + setClause + " WHERE " + keyRange(key, hasLowerBound)
                + andCondition(condition);
    }

    @Override
    public String copy(TableName source, ColumnName key, TableName target, List<ColumnName> targetColumns,
            String selectExpressions, @Nullable String condition, boolean hasLowerBound) {
        return "INSERT INTO " + q(target) + " (" + targetColumns.stream().map(this::q)
            .collect(Collectors.joining(", ")) + ") SELECT " + selectExpressions + " FROM " + q(source) + " WHERE "
                + keyRange(key, hasLowerBound) + andCondition(condition);
    }

    private String afterLowerBound(ColumnName key, @Nullable String condition, boolean hasLowerBound) {
        return (hasLowerBound ? q(key) + " > ?" : q(key) + " IS NOT NULL") + andCondition(condition);
    }

    private static String andCondition(@Nullable String condition) {
        return (condition != null) ? " AND (" + condition + ")" : "";
    }

    private String q(TableName table) {
        return table.quoted(this.dialect);
    }

    private String q(ColumnName column) {
        return column.quoted(this.dialect);
    }
}
