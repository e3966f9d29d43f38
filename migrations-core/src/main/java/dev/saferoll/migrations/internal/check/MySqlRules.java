package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.database.CatalogColumn;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.sql.SqlCursor;
import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.SqlStatement;
import dev.saferoll.migrations.sql.SqlTokens;

/**
 * The lint's MySQL and MariaDB rules, after strong_migrations: the checks all dialects share (dropping or renaming
 * columns and tables, type changes, auto-increment and stored generated columns, whole-table writes, foreign key
 * types) and those of InnoDB's online DDL ({@code ALGORITHM=COPY}, {@code LOCK=SHARED|EXCLUSIVE}, expression defaults,
 * constraints that check every row). Adding an index needs no rule: InnoDB builds it without blocking writes.
 */
final class MySqlRules {

    // utf8mb4 stores up to 63 characters with a 1-byte length prefix; crossing that needs a table copy.
    private static final int ONE_BYTE_LENGTH_LIMIT = 63;

    private final MigrationSoFar soFar;

    MySqlRules(MigrationSoFar soFar) {
        this.soFar = soFar;
    }

    List<Found> inspect(SqlStatement statement, LintCatalog catalog) {
        List<Found> found = new ArrayList<>();
        if (statement.startsWith("create", "table") || statement.startsWith("create", "temporary")) {
            SqlCursor cursor = statement.cursor();
            cursor.accept("create");
            Tables.createTable(cursor, this.soFar, catalog, found);
        }
        else if (statement.startsWith("create") && statement.containsTopLevel("index")) {
            onlineDdl(statement, onTable(statement), found);
        }
        else if (statement.startsWith("alter", "table")) {
            alterTable(statement, catalog, found);
        }
        else if (statement.startsWith("rename", "table")) {
            SqlCursor cursor = statement.cursor();
            cursor.accept("rename", "table");
            for (SqlFragment pair : cursor.rest().splitTopLevel(",")) {
                SqlName table = pair.nameAt(0);
                if (table != null && this.soFar.existing(table)) {
                    found.add(new Found(LintRule.RENAME_TABLE, table.toString()));
                }
            }
        }
        else if (statement.startsWith("drop", "table") || statement.startsWith("drop", "temporary")) {
            Tables.dropTable(statement, this.soFar, found);
        }
        else if (statement.startsWith("update") || statement.startsWith("delete")) {
            Tables.wholeTableWrite(statement, this.soFar, found);
        }
        return found;
    }

    private static String onTable(SqlStatement statement) {
        int on = statement.indexOfTopLevel("on");
        SqlName table = (on >= 0) ? statement.nameAt(on + 1) : null;
        return (table != null) ? table.toString() : statement.text();
    }

    /** {@code ALGORITHM=COPY} and {@code LOCK=SHARED|EXCLUSIVE}, wherever the statement or action says them. */
    private static void onlineDdl(SqlTokens clause, String subject, List<Found> found) {
        add(option(clause, "algorithm").equals("copy"), LintRule.MYSQL_COPY_ALGORITHM, subject, found);
        String lock = option(clause, "lock");
        add(lock.equals("shared") || lock.equals("exclusive"), LintRule.MYSQL_LOCKING, subject, found);
    }

    private static String option(SqlTokens clause, String name) {
        int at = clause.indexOfTopLevel(name);
        if (at < 0) {
            return "";
        }
        int value = clause.matchesAt(at + 1, "=") ? at + 2 : at + 1;
        return (value < clause.tokens().size()) ? clause.tokens().get(value).value().toLowerCase(Locale.ROOT) : "";
    }

    private void alterTable(SqlStatement statement, LintCatalog catalog, List<Found> found) {
        SqlCursor cursor = statement.cursor();
        cursor.accept("alter", "table");
        SqlName table = cursor.name();
        if (table == null) {
            return;
        }
        boolean existing = this.soFar.existing(table);
        List<SqlFragment> actions = cursor.rest().splitTopLevel(",");
        for (SqlFragment action : actions) {
            if (existing) {
                onlineDdl(action, table.toString(), found);
            }
        }
        if (!existing) {
            return;
        }
        for (SqlFragment action : actions) {
            SqlCursor words = action.cursor();
            if (words.accept("add")) {
                add(table, words, action, catalog, found);
            }
            else if (words.accept("drop")) {
                if (!words.lookingAt("index") && !words.lookingAt("key") && !words.lookingAt("primary")
                        && !words.lookingAt("foreign") && !words.lookingAt("check") && !words.lookingAt("constraint")
                        && !words.lookingAt("partition")) {
                    words.accept("column");
                    SqlName column = words.name();
                    add(column != null, LintRule.DROP_COLUMN, table + "." + name(column), found);
                }
            }
            else if (words.accept("modify")) {
                words.accept("column");
                ColumnSpec column = ColumnSpec.parse(words.rest());
                if (column != null) {
                    typeChange(table, column.name(), column, catalog, found);
                }
            }
            else if (words.accept("change")) {
                words.accept("column");
                SqlName old = words.name();
                ColumnSpec column = ColumnSpec.parse(words.rest());
                if (old != null && column != null) {
                    add(!old.name().equalsIgnoreCase(column.name()), LintRule.RENAME_COLUMN, table + "." + old.name(),
                            found);
                    typeChange(table, old.name(), column, catalog, found);
                }
            }
            else if (words.accept("rename", "column")) {
                found.add(new Found(LintRule.RENAME_COLUMN, table + "." + name(words.name())));
            }
            else if (words.accept("rename") && !words.lookingAt("index") && !words.lookingAt("key")) {
                found.add(new Found(LintRule.RENAME_TABLE, table.toString()));
            }
        }
    }

    private void add(SqlName table, SqlCursor words, SqlFragment action, LintCatalog catalog, List<Found> found) {
        if (words.accept("constraint")) {
            if (!words.lookingAt("foreign") && !words.lookingAt("check") && !words.lookingAt("unique")
                    && !words.lookingAt("primary")) {
                words.name();
            }
        }
        if (words.accept("foreign", "key")) {
            if (!words.lookingAt("(")) {
                words.name();
            }
            SqlFragment columns = words.group();
            words.accept("references");
            ColumnSpec.Reference reference = ColumnSpec.Reference.read(words);
            found.add(new Found(LintRule.MYSQL_VALIDATING_CONSTRAINT, table.toString()));
            if (columns != null && reference != null) {
                ForeignKeyTypes.check(table, ColumnSpec.Reference.names(columns), reference, Map.of(), catalog,
                        found);
            }
            return;
        }
        if (words.lookingAt("check")) {
            found.add(new Found(LintRule.MYSQL_VALIDATING_CONSTRAINT, table.toString()));
            return;
        }
        if (words.lookingAt("index") || words.lookingAt("key") || words.lookingAt("unique")
                || words.lookingAt("primary") || words.lookingAt("fulltext") || words.lookingAt("spatial")
                || words.lookingAt("partition")) {
            return;
        }
        words.accept("column");
        ColumnSpec column = ColumnSpec.parse(words.rest());
        if (column == null) {
            return;
        }
        String subject = table + "." + column.name();
        SqlFragment defaultValue = column.defaultValue();
        boolean generated = column.identity() || column.storedGenerated();
        add(column.notNull() && defaultValue == null && !generated, LintRule.ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT,
                subject, found);
        add(defaultValue != null && defaultValue.startsWith("("), LintRule.MYSQL_EXPRESSION_DEFAULT, subject, found);
        add(column.identity(), LintRule.ADD_AUTO_INCREMENT_COLUMN, subject, found);
        add(column.storedGenerated(), LintRule.ADD_STORED_GENERATED_COLUMN, subject, found);
    }

    private static void typeChange(SqlName table, String oldName, ColumnSpec column, LintCatalog catalog,
            List<Found> found) {
        CatalogColumn old = catalog.column(table, oldName).orElse(null);
        add(old == null || !keepsValues(old.type(), column.type()), LintRule.CHANGE_COLUMN_TYPE,
                table + "." + oldName, found);
    }

    /**
     * Whether InnoDB changes the type in place: the same type, or a longer {@code varchar} whose length prefix keeps
     * its size (utf8mb4).
     */
    static boolean keepsValues(String oldType, String newType) {
        String from = TypeChange.canonical(oldType);
        String to = TypeChange.canonical(newType);
        if (from.equals(to)) {
            return true;
        }
        Map<String, Integer> lengths = new HashMap<>();
        for (String type : List.of(from, to)) {
            if (type.startsWith("varchar(") && type.endsWith(")")) {
                lengths.put(type, Integer.parseInt(type.substring("varchar(".length(), type.length() - 1)));
            }
        }
        if (lengths.size() != 2) {
            return false;
        }
        int before = lengths.get(from);
        int after = lengths.get(to);
        return after >= before && (after <= ONE_BYTE_LENGTH_LIMIT || before > ONE_BYTE_LENGTH_LIMIT);
    }

    private static String name(@Nullable SqlName name) {
        return (name != null) ? name.name() : "?";
    }

    private static void add(boolean fires, LintRule rule, String subject, List<Found> found) {
        if (fires) {
            found.add(new Found(rule, subject));
        }
    }
}
