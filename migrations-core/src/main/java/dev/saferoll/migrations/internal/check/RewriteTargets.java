package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.List;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.sql.SqlCursor;
import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.SqlStatement;
import dev.saferoll.migrations.sql.StatementReader;
import dev.saferoll.migrations.sql.UnterminatedSqlException;

/**
 * The existing tables a string of SQL may give new files to: {@code ALTER TABLE} (a type change, a volatile
 * default), {@code TRUNCATE}, {@code CLUSTER}, {@code VACUUM FULL}, {@code REINDEX TABLE} and
 * {@code REFRESH MATERIALIZED VIEW}. Their old files stay on disk until the transaction commits, which the size probe
 * must know. Cheap for every other statement: it looks at the first word before reading anything.
 */
public final class RewriteTargets {

    private RewriteTargets() {
    }

    /** The tables {@code sql} may rewrite, as written (schema when qualified); empty for most statements. */
    public static List<SqlName> of(String sql, Dialect dialect) {
        String start = sql.stripLeading();
        int space = start.indexOf(' ');
        String first = ((space > 0) ? start.substring(0, space) : start).toLowerCase(java.util.Locale.ROOT);
        if (!List.of("alter", "truncate", "cluster", "vacuum", "reindex", "refresh").contains(first)
                && !sql.contains(";")) {
            return List.of();
        }
        List<SqlName> tables = new ArrayList<>();
        try {
            for (SqlStatement statement : StatementReader.of(dialect).read(sql)) {
                tables.addAll(of(statement));
            }
        }
        catch (UnterminatedSqlException ex) {
            return List.of();
        }
        return tables;
    }

    private static List<SqlName> of(SqlStatement statement) {
        SqlCursor cursor = statement.cursor();
        if (cursor.accept("alter", "table") || cursor.accept("reindex", "table")
                || cursor.accept("refresh", "materialized", "view")) {
            cursor.accept("if", "exists");
            cursor.accept("concurrently");
            cursor.accept("only");
            SqlName table = cursor.name();
            return (table != null) ? List.of(table) : List.of();
        }
        if (cursor.accept("cluster")) {
            cursor.accept("verbose");
            SqlName table = cursor.name();
            return (table != null) ? List.of(table) : List.of();
        }
        if (cursor.accept("truncate") || (statement.startsWith("vacuum") && statement.contains("full"))) {
            cursor.accept("table");
            cursor.accept("vacuum");
            cursor.group();
            cursor.accept("full");
            cursor.accept("verbose");
            List<SqlName> tables = new ArrayList<>();
            for (SqlFragment part : cursor.rest().splitTopLevel(",")) {
                SqlCursor words = part.cursor();
                words.accept("only");
                SqlName table = words.name();
                if (table != null) {
                    tables.add(table);
                }
            }
            return tables;
        }
        return List.of();
    }
}
