package dev.saferoll.migrations.database;

/**
 * A column as the catalog describes it.
 * @param type the type as the database writes it, for example {@code character varying(20)} or {@code bigint}
 * @param notNull whether the column is declared NOT NULL
 * @param provenNotNull whether a validated CHECK constraint {@code (column IS NOT NULL)} already proves that no row
 * holds a null, so that setting NOT NULL needs no scan
 */
public record CatalogColumn(String type, boolean notNull, boolean provenNotNull) {
}
