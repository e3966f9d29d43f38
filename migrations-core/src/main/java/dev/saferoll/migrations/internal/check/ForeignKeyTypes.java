package dev.saferoll.migrations.internal.check;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.database.CatalogColumn;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.sql.SqlName;

/**
 * Compares a foreign key's column types with those of the key it references. A type written in the statement itself
 * (a column created or added with the key) is taken from there; every other type from the catalog. Unknown types are
 * not judged.
 */
final class ForeignKeyTypes {

    private ForeignKeyTypes() {
    }

    /**
     * @param table the table that holds the foreign key
     * @param columns its columns
     * @param reference what they reference
     * @param statementTypes the types of columns defined in the same statement, by name
     */
    static void check(SqlName table, List<String> columns, ColumnSpec.Reference reference,
            Map<String, String> statementTypes, LintCatalog catalog, List<Found> found) {
        boolean self = reference.table().name().equals(table.name());
        List<String> referenced = reference.columns().isEmpty() ? catalog.primaryKey(reference.table())
                : reference.columns();
        if (referenced.size() != columns.size()) {
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            String from = type(table, columns.get(i), statementTypes, catalog);
            String to = type(reference.table(), referenced.get(i), self ? statementTypes : Map.of(), catalog);
            if (from != null && to != null && !TypeChange.canonical(from).equals(TypeChange.canonical(to))) {
                found.add(new Found(LintRule.FOREIGN_KEY_TYPE_MISMATCH, table + "." + columns.get(i) + " (" + from
                        + ") references " + reference.table() + "." + referenced.get(i) + " (" + to + ")"));
            }
        }
    }

    private static @Nullable String type(SqlName table, String column, Map<String, String> statementTypes,
            LintCatalog catalog) {
        String written = statementTypes.get(column);
        if (written != null) {
            return written;
        }
        return catalog.column(table, column).map(CatalogColumn::type).orElse(null);
    }
}
