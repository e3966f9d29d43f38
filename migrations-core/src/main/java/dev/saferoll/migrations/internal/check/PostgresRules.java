package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.database.CatalogColumn;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.sql.SqlCursor;
import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.SqlStatement;

/**
 * The lint's PostgreSQL rules, one statement at a time. Each rule judges one clause (an action of an ALTER TABLE is
 * judged on its own) and stays quiet where PostgreSQL neither rewrites nor scans: on tables created earlier in the
 * same migration, for a constant default, for a type change that keeps every value, and for SET NOT NULL once a
 * validated CHECK (col IS NOT NULL) proves the column.
 */
final class PostgresRules {

    private final MigrationSoFar soFar;

    private final PostgresIndexRules indexes;

    PostgresRules(MigrationSoFar soFar) {
        this.soFar = soFar;
        this.indexes = new PostgresIndexRules(soFar);
    }

    List<Found> inspect(SqlStatement statement, LintCatalog catalog) {
        List<Found> found = new ArrayList<>();
        if (statement.startsWith("create")) {
            create(statement, catalog, found);
        }
        else if (statement.startsWith("drop", "index")) {
            this.indexes.dropIndex(statement, found);
        }
        else if (statement.startsWith("drop", "table")) {
            Tables.dropTable(statement, this.soFar, found);
        }
        else if (statement.startsWith("reindex")) {
            this.indexes.reindex(statement, found);
        }
        else if (statement.startsWith("alter", "table")) {
            alterTable(statement, catalog, found);
        }
        else if (statement.startsWith("update") || statement.startsWith("delete")) {
            Tables.wholeTableWrite(statement, this.soFar, found);
        }
        return found;
    }

    private void create(SqlStatement statement, LintCatalog catalog, List<Found> found) {
        SqlCursor cursor = statement.cursor();
        cursor.accept("create");
        boolean unique = cursor.accept("unique");
        if (cursor.accept("index")) {
            this.indexes.createIndex(cursor, found);
        }
        else if (!unique) {
            Tables.createTable(cursor, this.soFar, catalog, found);
        }
    }

    private void alterTable(SqlStatement statement, LintCatalog catalog, List<Found> found) {
        SqlCursor cursor = statement.cursor();
        cursor.accept("alter", "table");
        cursor.accept("if", "exists");
        cursor.accept("only");
        SqlName table = cursor.name();
        if (table == null) {
            return;
        }
        cursor.accept("*");
        boolean existing = this.soFar.existing(table);
        SqlFragment rest = cursor.rest();
        if (rest.startsWith("rename", "to")) {
            add(existing, LintRule.RENAME_TABLE, table.toString(), found);
            return;
        }
        if (rest.startsWith("rename") && !rest.startsWith("rename", "constraint")) {
            SqlCursor rename = rest.cursor();
            rename.accept("rename");
            rename.accept("column");
            SqlName column = rename.name();
            add(existing, LintRule.RENAME_COLUMN, table + "." + ((column != null) ? column.name() : "?"), found);
            return;
        }
        List<SqlFragment> actions = rest.splitTopLevel(",");
        Map<String, String> addedTypes = new HashMap<>();
        for (SqlFragment action : actions) {
            ColumnSpec spec = action.startsWith("add") ? addedColumn(action) : null;
            if (spec != null) {
                addedTypes.put(spec.name(), spec.type());
            }
        }
        for (SqlFragment action : actions) {
            if (action.startsWith("add")) {
                add(table, existing, action, addedTypes, catalog, found);
            }
            else if (action.startsWith("alter")) {
                alterColumn(table, existing, action, catalog, found);
            }
            else if (action.startsWith("drop") && !action.startsWith("drop", "constraint")) {
                SqlCursor drop = action.cursor();
                drop.accept("drop");
                drop.accept("column");
                drop.accept("if", "exists");
                SqlName column = drop.name();
                add(existing && column != null, LintRule.DROP_COLUMN, table + "." + ((column != null) ? column.name()
                        : "?"), found);
            }
            else if (action.startsWith("validate", "constraint")) {
                SqlName constraint = action.nameAt(2);
                if (constraint != null) {
                    this.soFar.validated(constraint.name());
                }
            }
            else if (action.startsWith("detach", "partition") && action.containsTopLevel("concurrently")) {
                this.indexes.concurrentlyInTransaction(table.toString(), found);
            }
        }
    }

    private void add(SqlName table, boolean existing, SqlFragment action, Map<String, String> addedTypes,
            LintCatalog catalog, List<Found> found) {
        SqlCursor words = action.cursor();
        words.accept("add");
        String constraint = "";
        if (words.accept("constraint")) {
            SqlName name = words.name();
            constraint = (name != null) ? name.name() : "";
        }
        boolean notValid = action.containsTopLevel("not", "valid");
        if (words.accept("foreign", "key")) {
            SqlFragment columns = words.group();
            words.accept("references");
            ColumnSpec.Reference reference = ColumnSpec.Reference.read(words);
            add(existing && !notValid, LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID, table.toString(), found);
            if (columns != null && reference != null) {
                ForeignKeyTypes.check(table, ColumnSpec.Reference.names(columns), reference, addedTypes, catalog,
                        found);
            }
        }
        else if (words.accept("check")) {
            SqlFragment expression = words.group();
            add(existing && !notValid, LintRule.CHECK_WITHOUT_NOT_VALID, table.toString(), found);
            String column = (expression != null) ? isNotNull(expression) : null;
            if (column != null) {
                this.soFar.notNullCheck(table, column, constraint, !notValid);
            }
        }
        else if (words.lookingAt("primary", "key") || words.lookingAt("unique")) {
            int using = action.indexOfTopLevel("using", "index");
            boolean usingIndex = using >= 0 && !action.matchesAt(using + 2, "tablespace");
            add(existing && !usingIndex, LintRule.KEY_WITHOUT_USING_INDEX, table.toString(), found);
        }
        else if (words.lookingAt("exclude")) {
            add(existing, LintRule.EXCLUSION_CONSTRAINT, table.toString(), found);
        }
        else {
            ColumnSpec spec = addedColumn(action);
            if (spec != null) {
                addColumn(table, existing, spec, catalog, found);
            }
        }
    }

    private void addColumn(SqlName table, boolean existing, ColumnSpec spec, LintCatalog catalog, List<Found> found) {
        String subject = table + "." + spec.name();
        if (existing) {
            boolean generated = spec.identity() || spec.storedGenerated();
            add(spec.notNull() && spec.defaultValue() == null && !generated,
                    LintRule.ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, subject, found);
            SqlFragment defaultValue = spec.defaultValue();
            add(defaultValue != null && (Defaults.isVolatile(defaultValue) || catalog.serverMajorVersion() < 11),
                    LintRule.VOLATILE_DEFAULT, subject, found);
            add(spec.identity(), LintRule.ADD_AUTO_INCREMENT_COLUMN, subject, found);
            add(spec.storedGenerated(), LintRule.ADD_STORED_GENERATED_COLUMN, subject, found);
            add(spec.key(), LintRule.KEY_WITHOUT_USING_INDEX, subject, found);
            add(spec.references() != null, LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID, subject, found);
            add(spec.check(), LintRule.CHECK_WITHOUT_NOT_VALID, subject, found);
        }
        ColumnSpec.Reference reference = spec.references();
        if (reference != null) {
            ForeignKeyTypes.check(table, List.of(spec.name()), reference, Map.of(spec.name(), spec.type()), catalog,
                    found);
        }
    }

    private void alterColumn(SqlName table, boolean existing, SqlFragment action, LintCatalog catalog,
            List<Found> found) {
        SqlCursor words = action.cursor();
        words.accept("alter");
        words.accept("column");
        SqlName column = words.name();
        if (column == null || !existing) {
            return;
        }
        String subject = table + "." + column.name();
        words.accept("set", "data");
        if (words.accept("type")) {
            SqlFragment rest = words.rest();
            int using = rest.indexOfTopLevel("using");
            int collate = rest.indexOfTopLevel("collate");
            int typeEnd = (collate >= 0) ? collate : (using >= 0) ? using : rest.tokens().size();
            String type = rest.slice(0, typeEnd).text();
            SqlFragment expression = (using >= 0) ? rest.from(using + 1) : null;
            CatalogColumn old = catalog.column(table, column.name()).orElse(null);
            boolean keeps = old != null && TypeChange.keepsValues(old.type(), type)
                    && TypeChange.isPlainCast(expression, column.name(), type);
            add(!keeps, LintRule.CHANGE_COLUMN_TYPE, subject, found);
        }
        else if (words.accept("set", "not", "null")) {
            CatalogColumn now = catalog.column(table, column.name()).orElse(null);
            boolean proven = (this.soFar.provenNotNull(table, column.name()) || (now != null && now.provenNotNull()))
                    && catalog.serverMajorVersion() >= 12;
            add(!proven && (now == null || !now.notNull()), LintRule.SET_NOT_NULL, subject, found);
        }
    }

    /** The column of an {@code ADD [COLUMN] [IF NOT EXISTS] name type ...} action, or {@code null}. */
    private static @Nullable ColumnSpec addedColumn(SqlFragment action) {
        SqlCursor words = action.cursor();
        words.accept("add");
        if (words.lookingAt("constraint") || words.lookingAt("primary") || words.lookingAt("unique")
                || words.lookingAt("foreign") || words.lookingAt("check") || words.lookingAt("exclude")) {
            return null;
        }
        words.accept("column");
        words.accept("if", "not", "exists");
        return ColumnSpec.parse(words.rest());
    }

    /** The column of a check {@code col IS NOT NULL} (in any parentheses), or {@code null}. */
    static @Nullable String isNotNull(SqlFragment expression) {
        SqlFragment inner = expression;
        while (inner.startsWith("(")) {
            SqlCursor cursor = inner.cursor();
            SqlFragment group = cursor.group();
            if (group == null || !cursor.atEnd()) {
                break;
            }
            inner = group;
        }
        if (inner.tokens().size() == 4 && inner.tokens().get(0).isName() && inner.matchesAt(1, "is", "not", "null")) {
            SqlName column = inner.nameAt(0);
            return (column != null) ? column.name() : null;
        }
        return null;
    }

    private static void add(boolean fires, LintRule rule, String subject, List<Found> found) {
        if (fires) {
            found.add(new Found(rule, subject));
        }
    }
}
