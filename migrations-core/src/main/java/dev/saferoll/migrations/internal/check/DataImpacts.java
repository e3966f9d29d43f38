package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.sql.SqlCursor;
import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.SqlStatement;
import dev.saferoll.migrations.sql.SqlTokens;
import dev.saferoll.migrations.sql.StatementReader;
import dev.saferoll.migrations.sql.UnterminatedSqlException;

/**
 * What statements would do to stored data, read with the SQL reader: each statement of a string (there may be several)
 * is classified on its own. Whether a loss really happens depends on the data, which {@link DataLossCheck} reads.
 */
final class DataImpacts {

    // Statements that never destroy stored data, by their first word (DROP and ALTER are judged further below).
    private static final Set<String> HARMLESS = Set.of("create", "comment", "grant", "revoke", "insert", "select",
            "set", "reset", "analyze", "vacuum", "reindex", "cluster", "refresh", "lock", "notify", "listen", "show",
            "explain", "savepoint", "release", "security");

    // Objects whose DROP destroys no rows, unless CASCADE reaches columns or tables that depend on them.
    private static final Set<String> HARMLESS_DROPS = Set.of("index", "view", "materialized", "sequence", "function",
            "procedure", "routine", "trigger", "policy", "rule", "aggregate", "operator", "cast", "collation",
            "publication", "subscription", "statistics", "event", "text", "conversion", "language", "transform",
            "access", "server", "user", "role", "owned");

    private DataImpacts() {
    }

    /**
     * What every statement of {@code sql} would do to stored data, statement by statement. SQL the reader cannot
     * split is one unverified impact.
     */
    static List<Impact> of(String sql, StatementReader reader) {
        List<SqlStatement> statements;
        try {
            statements = reader.read(sql);
        }
        catch (UnterminatedSqlException ex) {
            return List.of(Impact.unverified(sql));
        }
        List<Impact> impacts = new ArrayList<>();
        for (SqlStatement statement : statements) {
            impacts.addAll(of(statement));
        }
        return impacts;
    }

    private static List<Impact> of(SqlStatement statement) {
        String first = statement.tokens().get(0).value();
        if (statement.startsWith("drop")) {
            return drop(statement);
        }
        if (statement.startsWith("alter", "table")) {
            return alterTable(statement);
        }
        if (statement.startsWith("truncate")) {
            SqlCursor cursor = statement.cursor();
            cursor.accept("truncate");
            cursor.accept("table");
            return tables(cursor.rest(), Kind.DELETES_ROWS, statement);
        }
        if (statement.startsWith("delete")) {
            return delete(statement);
        }
        if (statement.startsWith("alter") || HARMLESS.contains(first)) {
            return List.of();
        }
        return List.of(Impact.unverified(statement.text()));
    }

    private static List<Impact> drop(SqlStatement statement) {
        SqlCursor cursor = statement.cursor();
        cursor.accept("drop");
        if (cursor.accept("table")) {
            cursor.accept("if", "exists");
            return tables(cursor.rest(), Kind.DELETES_ROWS, statement);
        }
        if (cursor.accept("schema")) {
            cursor.accept("if", "exists");
            if (!statement.containsTopLevel("cascade")) {
                return List.of();
            }
            List<Impact> impacts = new ArrayList<>();
            for (SqlFragment part : cursor.rest().splitTopLevel(",")) {
                SqlName schema = part.nameAt(0);
                if (schema != null) {
                    impacts.add(new Impact(Kind.DROPS_SCHEMA, SqlName.of(schema.name()), List.of(), null,
                            statement.text()));
                }
            }
            return impacts;
        }
        SqlTokens rest = cursor.rest();
        boolean harmless = !rest.tokens().isEmpty() && HARMLESS_DROPS.contains(rest.tokens().get(0).value());
        boolean cascadeToColumns = rest.startsWith("type") || rest.startsWith("domain") || rest.startsWith("extension");
        if (harmless || (cascadeToColumns && !statement.containsTopLevel("cascade"))) {
            return List.of();
        }
        return List.of(Impact.unverified(statement.text()));
    }

    private static List<Impact> delete(SqlStatement statement) {
        if (statement.containsTopLevel("where")) {
            return List.of(Impact.unverified(statement.text()));
        }
        SqlCursor cursor = statement.cursor();
        cursor.accept("delete");
        cursor.accept("from");
        cursor.accept("only");
        SqlName table = cursor.name();
        return (table != null) ? List.of(new Impact(Kind.DELETES_ROWS, table, List.of(), null, statement.text()))
                : List.of(Impact.unverified(statement.text()));
    }

    /** The tables of a comma-separated list ({@code a, ONLY b *, c CASCADE}), each with the same impact. */
    private static List<Impact> tables(SqlTokens list, Kind kind, SqlStatement statement) {
        List<Impact> impacts = new ArrayList<>();
        for (SqlFragment part : list.splitTopLevel(",")) {
            SqlCursor cursor = part.cursor();
            cursor.accept("only");
            SqlName table = cursor.name();
            if (table != null) {
                impacts.add(new Impact(kind, table, List.of(), null, statement.text()));
            }
        }
        return impacts;
    }

    private static List<Impact> alterTable(SqlStatement statement) {
        SqlCursor cursor = statement.cursor();
        cursor.accept("alter", "table");
        cursor.accept("if", "exists");
        cursor.accept("only");
        SqlName table = cursor.name();
        if (table == null) {
            return List.of(Impact.unverified(statement.text()));
        }
        List<String> dropped = new ArrayList<>();
        List<Impact> impacts = new ArrayList<>();
        for (SqlFragment action : cursor.rest().splitTopLevel(",")) {
            SqlCursor words = action.cursor();
            if (words.accept("drop")) {
                if (words.lookingAt("constraint") || words.lookingAt("primary") || words.lookingAt("foreign")
                        || words.lookingAt("index") || words.lookingAt("key") || words.lookingAt("check")) {
                    continue;
                }
                words.accept("column");
                words.accept("if", "exists");
                SqlName column = words.name();
                if (column != null) {
                    dropped.add(column.name());
                }
            }
            else if (words.accept("alter") || words.accept("modify") || words.accept("change")) {
                Impact conversion = typeChange(table, action, words, statement);
                if (conversion != null) {
                    impacts.add(conversion);
                }
            }
        }
        if (!dropped.isEmpty()) {
            impacts.add(0, new Impact(Kind.DELETES_VALUES, table, dropped, null, statement.text()));
        }
        return impacts;
    }

    /**
     * {@code ALTER [COLUMN] c [SET DATA] TYPE t [USING e]} in PostgreSQL, and MySQL's {@code MODIFY [COLUMN] c t} and
     * {@code CHANGE [COLUMN] old new t}.
     */
    private static @Nullable Impact typeChange(SqlName table, SqlFragment action, SqlCursor words,
            SqlStatement statement) {
        boolean mysql = action.startsWith("modify") || action.startsWith("change");
        words.accept("column");
        SqlName column = words.name();
        if (column == null) {
            return null;
        }
        if (mysql) {
            if (action.startsWith("change")) {
                words.name();
            }
            return new Impact(Kind.CONVERTS_VALUES, table, List.of(column.name()), words.rest().text(),
                    statement.text());
        }
        words.accept("set", "data");
        if (!words.accept("type")) {
            return null;
        }
        SqlFragment rest = words.rest();
        int using = rest.indexOfTopLevel("using");
        int collate = rest.indexOfTopLevel("collate");
        int typeEnd = (collate >= 0) ? collate : (using >= 0) ? using : rest.tokens().size();
        String type = rest.slice(0, typeEnd).text();
        SqlFragment expression = (using >= 0) ? rest.from(using + 1) : null;
        boolean plain = TypeChange.isPlainCast(expression, column.name(), type);
        return new Impact(plain ? Kind.CONVERTS_VALUES : Kind.REWRITES_VALUES, table, List.of(column.name()), type,
                statement.text());
    }

    /** What kind of data a statement would destroy or change. */
    enum Kind {
        /** Every row of the table goes: {@code DROP TABLE}, {@code TRUNCATE}, {@code DELETE} without a WHERE. */
        DELETES_ROWS,
        /** The values of the columns go: {@code DROP COLUMN}. */
        DELETES_VALUES,
        /** The values are converted to a new type, unless the change only relaxes a limit. */
        CONVERTS_VALUES,
        /** The values are replaced by a {@code USING} expression. */
        REWRITES_VALUES,
        /** Every table in the schema goes: {@code DROP SCHEMA ... CASCADE}. */
        DROPS_SCHEMA,
        /** The reader cannot tell what the statement does to data. */
        UNVERIFIED
    }

    /**
     * One thing a statement would do to stored data.
     * @param table the table, or for {@link Kind#DROPS_SCHEMA} the schema; {@code null} when unverified
     * @param columns the columns, for the kinds about columns
     * @param newType the column's new type, for a type change
     * @param statement the statement's text
     */
    record Impact(Kind kind, @Nullable SqlName table, List<String> columns, @Nullable String newType,
            String statement) {

        Impact {
            columns = List.copyOf(columns);
        }

        static Impact unverified(String statement) {
            return new Impact(Kind.UNVERIFIED, null, List.of(), null, statement);
        }
    }
}
