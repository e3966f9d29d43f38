package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The catalog lookups of H2, MySQL and MariaDB, from the standard {@code INFORMATION_SCHEMA}: columns, primary keys
 * and the tables of a schema. Names are compared as stored.
 * @param currentSchema the SQL expression of the session's schema, for a table given without one
 * @param typeExpression the SQL expression of a column's type, over {@code INFORMATION_SCHEMA.COLUMNS c}
 * @param tableFilter a further condition on {@code INFORMATION_SCHEMA.TABLES}, such as leaving out a lock table
 */
record InformationSchemaCatalog(String currentSchema, String typeExpression, String tableFilter) {

    Optional<CatalogColumn> column(Connection connection, @Nullable String schema, String table, String column)
            throws SQLException {
        String sql = "SELECT " + this.typeExpression + ", c.IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS c "
                + "WHERE c.TABLE_SCHEMA = " + schemaParameter(schema) + " AND c.TABLE_NAME = ? AND c.COLUMN_NAME = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = bindSchema(statement, schema);
            statement.setString(next, table);
            statement.setString(next + 1, column);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new CatalogColumn(rows.getString(1),
                        "NO".equalsIgnoreCase(rows.getString(2)), false)) : Optional.empty();
            }
        }
    }

    List<String> primaryKey(Connection connection, @Nullable String schema, String table) throws SQLException {
        String sql = "SELECT k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t "
                + "JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA "
                + "AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME AND k.TABLE_NAME = t.TABLE_NAME "
                + "WHERE t.CONSTRAINT_TYPE = 'PRIMARY KEY' AND t.TABLE_SCHEMA = " + schemaParameter(schema)
                + " AND t.TABLE_NAME = ? ORDER BY k.ORDINAL_POSITION";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = bindSchema(statement, schema);
            statement.setString(next, table);
            return strings(statement);
        }
    }

    List<String> tables(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT TABLE_NAME FROM "
                + "INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND "
                + this.tableFilter + " ORDER BY TABLE_NAME")) {
            statement.setString(1, schema);
            return strings(statement);
        }
    }

    private String schemaParameter(@Nullable String schema) {
        return (schema != null) ? "?" : this.currentSchema;
    }

    private static int bindSchema(PreparedStatement statement, @Nullable String schema) throws SQLException {
        if (schema == null) {
            return 1;
        }
        statement.setString(1, schema);
        return 2;
    }

    private static List<String> strings(PreparedStatement statement) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
