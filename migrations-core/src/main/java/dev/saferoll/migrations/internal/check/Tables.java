package dev.saferoll.migrations.internal.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.sql.SqlCursor;
import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.SqlStatement;

/** The rules about whole tables that PostgreSQL and MySQL share: creating, dropping and writing every row. */
final class Tables {

    private Tables() {
    }

    /**
     * Remembers a table created by {@code CREATE [TEMPORARY | UNLOGGED] TABLE [IF NOT EXISTS] name (...)}, and checks
     * the types of its foreign keys.
     * @param cursor after {@code CREATE}
     */
    static void createTable(SqlCursor cursor, MigrationSoFar soFar, LintCatalog catalog, List<Found> found) {
        if (!cursor.accept("global")) {
            cursor.accept("local");
        }
        if (!cursor.accept("temporary")) {
            cursor.accept("temp");
        }
        cursor.accept("unlogged");
        if (!cursor.accept("table")) {
            return;
        }
        cursor.accept("if", "not", "exists");
        SqlName table = cursor.name();
        if (table == null) {
            return;
        }
        soFar.createdTable(table);
        SqlFragment definitions = cursor.group();
        if (definitions == null) {
            return;
        }
        Map<String, String> types = new HashMap<>();
        List<SqlFragment> parts = definitions.splitTopLevel(",");
        for (SqlFragment part : parts) {
            ColumnSpec column = isConstraint(part) ? null : ColumnSpec.parse(part);
            if (column != null) {
                types.put(column.name(), column.type());
            }
        }
        for (SqlFragment part : parts) {
            if (isConstraint(part)) {
                SqlCursor words = part.cursor();
                if (words.accept("constraint")) {
                    words.name();
                }
                if (words.accept("foreign", "key")) {
                    SqlFragment columns = words.group();
                    words.accept("references");
                    ColumnSpec.Reference reference = ColumnSpec.Reference.read(words);
                    if (columns != null && reference != null) {
                        ForeignKeyTypes.check(table, ColumnSpec.Reference.names(columns), reference, types, catalog,
                                found);
                    }
                }
                continue;
            }
            ColumnSpec column = ColumnSpec.parse(part);
            if (column != null && column.references() != null) {
                ForeignKeyTypes.check(table, List.of(column.name()), column.references(), types, catalog, found);
            }
        }
    }

    private static boolean isConstraint(SqlFragment part) {
        return part.startsWith("constraint") || part.startsWith("primary", "key") || part.startsWith("unique")
                || part.startsWith("foreign", "key") || part.startsWith("check") || part.startsWith("exclude")
                || part.startsWith("like") || part.startsWith("index") || part.startsWith("key")
                || part.startsWith("fulltext") || part.startsWith("spatial");
    }

    /** {@code DROP [TEMPORARY] TABLE [IF EXISTS] a, b}: each table that existed before the migration. */
    static void dropTable(SqlStatement statement, MigrationSoFar soFar, List<Found> found) {
        SqlCursor cursor = statement.cursor();
        cursor.accept("drop");
        cursor.accept("temporary");
        cursor.accept("table");
        cursor.accept("if", "exists");
        for (SqlFragment part : cursor.rest().splitTopLevel(",")) {
            SqlName table = part.nameAt(0);
            if (table != null && soFar.existing(table)) {
                found.add(new Found(LintRule.DROP_TABLE, table.toString()));
            }
        }
    }

    /**
     * An {@code UPDATE} or {@code DELETE} without a top-level {@code WHERE} (or MySQL's {@code LIMIT}) on a table that
     * existed before the migration: every row, in the migration's transaction.
     */
    static void wholeTableWrite(SqlStatement statement, MigrationSoFar soFar, List<Found> found) {
        if (statement.containsTopLevel("where") || statement.containsTopLevel("limit")) {
            return;
        }
        SqlCursor cursor = statement.cursor();
        if (cursor.accept("delete")) {
            while (cursor.accept("low_priority") || cursor.accept("quick") || cursor.accept("ignore")) {
                continue;
            }
            if (!cursor.accept("from")) {
                return;
            }
        }
        else {
            cursor.accept("update");
            while (cursor.accept("low_priority") || cursor.accept("ignore")) {
                continue;
            }
        }
        cursor.accept("only");
        SqlName table = cursor.name();
        if (table != null && soFar.existing(table)) {
            found.add(new Found(LintRule.WHOLE_TABLE_UPDATE, table.toString()));
        }
    }
}
