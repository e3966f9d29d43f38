package dev.saferoll.migrations.database;

/**
 * The catalog queries that describe one schema, for comparing its shape before and after a migration. Each takes
 * one text parameter, the schema name, and returns text columns, ordered.
 * @param relations rows of (name, kind): tables, partitioned tables, views, materialized views and sequences not
 * owned by a column; kind is {@code table}, {@code view}, {@code materialized view} or {@code sequence}
 * @param columns rows of (table, column, type, not null {@code true}/{@code false}, default expression or null,
 * identity or generated clause or null), for tables only
 * @param indexes rows of (table, index, definition), the definition ending in {@code INVALID} for an invalid index
 * @param constraints rows of (table, constraint, type, definition); type is {@code PRIMARY KEY}, {@code UNIQUE},
 * {@code FOREIGN KEY}, {@code CHECK} or {@code EXCLUDE}
 */
public record SchemaSnapshotQueries(String relations, String columns, String indexes, String constraints) {
}
