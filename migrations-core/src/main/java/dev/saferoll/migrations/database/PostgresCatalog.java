package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;

/** The catalog lookups of {@link PostgresDatabase}: columns, primary keys and the tables of a schema. */
final class PostgresCatalog {

    private PostgresCatalog() {
    }

    // A validated CHECK ("col" IS NOT NULL) reads back from pg_get_constraintdef as CHECK (("col" IS NOT NULL)).
    static Optional<CatalogColumn> column(Connection connection, @Nullable String schema, String table, String column)
            throws SQLException {
        String sql = "SELECT pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, EXISTS (SELECT 1 "
                + "FROM pg_catalog.pg_constraint k WHERE k.conrelid = a.attrelid AND k.contype = 'c' "
                + "AND k.convalidated AND pg_catalog.pg_get_constraintdef(k.oid) = "
                + "'CHECK ((' || quote_ident(a.attname) || ' IS NOT NULL))') "
                + "FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass(?) AND a.attname = ? "
                + "AND a.attnum > 0 AND NOT a.attisdropped";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, qualified(schema, table));
            statement.setString(2, column);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new CatalogColumn(rows.getString(1), rows.getBoolean(2),
                        rows.getBoolean(3))) : Optional.empty();
            }
        }
    }

    static List<String> primaryKey(Connection connection, @Nullable String schema, String table) throws SQLException {
        return strings(connection, "SELECT a.attname FROM pg_catalog.pg_index i, "
                + "unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position), pg_catalog.pg_attribute a "
                + "WHERE i.indrelid = pg_catalog.to_regclass(?) AND i.indisprimary AND a.attrelid = i.indrelid "
                + "AND a.attnum = k.attnum ORDER BY k.position", qualified(schema, table));
    }

    static List<String> tables(Connection connection, String schema) throws SQLException {
        return strings(connection, "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname",
                schema);
    }

    /** The name as {@code to_regclass} reads it: quoted, and resolved through the search path when unqualified. */
    static String qualified(@Nullable String schema, String table) {
        String name = Dialect.POSTGRESQL.quoteIdentifier(table);
        return (schema != null) ? Dialect.POSTGRESQL.quoteIdentifier(schema) + "." + name : name;
    }

    static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return List.copyOf(values);
    }
}
