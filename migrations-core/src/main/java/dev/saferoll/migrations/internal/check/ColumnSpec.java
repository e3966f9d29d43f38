package dev.saferoll.migrations.internal.check;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.sql.SqlCursor;
import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.SqlToken;
import dev.saferoll.migrations.sql.SqlTokens;

/**
 * One column definition as {@code CREATE TABLE} and {@code ADD COLUMN} write it, in PostgreSQL or MySQL:
 * {@code name type [constraints]}. Only what the lint asks is kept.
 * @param name the column
 * @param type the type as written, without constraints
 * @param notNull whether it says NOT NULL (or PRIMARY KEY, which implies it)
 * @param defaultValue the DEFAULT expression, or {@code null}
 * @param identity whether it is {@code GENERATED ... AS IDENTITY}, a serial type or MySQL's AUTO_INCREMENT
 * @param storedGenerated whether it is a stored generated column
 * @param key whether it declares PRIMARY KEY or UNIQUE inline
 * @param check whether it declares a CHECK constraint inline
 * @param references the referenced table and columns of an inline REFERENCES, or {@code null}
 */
record ColumnSpec(String name, String type, boolean notNull, @Nullable SqlFragment defaultValue, boolean identity,
        boolean storedGenerated, boolean key, boolean check, @Nullable Reference references) {

    // Words that end a column's type and start its constraints.
    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "not", "null", "default", "check",
            "generated", "unique", "primary", "references", "collate", "as", "auto_increment", "comment", "key",
            "visible", "invisible", "on", "storage", "column_format", "srid", "engine_attribute",
            "secondary_engine_attribute");

    private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial", "serial2", "serial4",
            "serial8");

    /**
     * A column's definition, or {@code null} when the fragment does not start with a name and a type.
     * @param definition the tokens from the column's name on
     */
    static @Nullable ColumnSpec parse(SqlTokens definition) {
        List<SqlToken> tokens = definition.tokens();
        if (tokens.size() < 2 || !tokens.get(0).isName()) {
            return null;
        }
        SqlName name = definition.nameAt(0);
        int typeEnd = next(tokens, 1, CONSTRAINT_WORDS, false);
        if (name == null || typeEnd == 1) {
            return null;
        }
        String type = definition.slice(1, typeEnd).text();
        boolean notNull = false;
        boolean identity = SERIAL_TYPES.contains(type.trim().toLowerCase(Locale.ROOT));
        boolean stored = false;
        boolean key = false;
        boolean check = false;
        SqlFragment defaultValue = null;
        Reference references = null;
        SqlFragment constraints = definition.from(typeEnd);
        SqlCursor cursor = constraints.cursor();
        while (!cursor.atEnd()) {
            if (cursor.accept("not", "null")) {
                notNull = true;
            }
            else if (cursor.accept("default")) {
                int start = cursor.position();
                int end = next(constraints.tokens(), start, CONSTRAINT_WORDS, true);
                defaultValue = constraints.slice(start, end);
                while (cursor.position() < end) {
                    cursor.next();
                }
            }
            else if (cursor.accept("generated") || cursor.lookingAt("as", "(")) {
                // GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)], GENERATED ALWAYS AS (expr) STORED,
                // and MySQL's [GENERATED ALWAYS] AS (expr) [VIRTUAL | STORED].
                cursor.accept("always");
                cursor.accept("by", "default");
                cursor.accept("as");
                if (cursor.accept("identity")) {
                    identity = true;
                    cursor.group();
                }
                else {
                    cursor.group();
                    stored |= cursor.accept("stored");
                }
            }
            else if (cursor.accept("auto_increment")) {
                identity = true;
            }
            else if (cursor.accept("primary", "key")) {
                key = true;
                notNull = true;
            }
            else if (cursor.accept("unique")) {
                key = true;
            }
            else if (cursor.accept("check")) {
                check = true;
                cursor.group();
            }
            else if (cursor.accept("references")) {
                references = Reference.read(cursor);
            }
            else if (cursor.group() == null) {
                cursor.next();
            }
        }
        return new ColumnSpec(name.name(), type, notNull, defaultValue, identity, stored, key, check, references);
    }

    /**
     * The index of the first top-level token from {@code from} on that is one of {@code words}, or the end.
     * @param skipFirst whether the token at {@code from} never ends the run (as {@code NULL} in {@code DEFAULT NULL})
     */
    private static int next(List<SqlToken> tokens, int from, Set<String> words, boolean skipFirst) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (depth == 0 && token.kind() == SqlToken.Kind.WORD && words.contains(token.value())
                    && !(skipFirst && i == from)) {
                return i;
            }
            if (token.is("(") || token.is("[")) {
                depth++;
            }
            else if ((token.is(")") || token.is("]")) && depth > 0) {
                depth--;
            }
        }
        return tokens.size();
    }

    /**
     * The target of a foreign key.
     * @param table the referenced table
     * @param columns the referenced columns; empty means its primary key
     */
    record Reference(SqlName table, List<String> columns) {

        /** Reads {@code table [(columns)]} at the cursor, after {@code REFERENCES}. */
        static @Nullable Reference read(SqlCursor cursor) {
            SqlName table = cursor.name();
            if (table == null) {
                return null;
            }
            SqlFragment columns = cursor.group();
            return new Reference(table, (columns != null) ? names(columns) : List.of());
        }

        /** The names of a comma-separated list, such as the columns of a key. */
        static List<String> names(SqlTokens list) {
            return list.splitTopLevel(",").stream().map((part) -> part.nameAt(0)).filter((name) -> name != null)
                .map(SqlName::name).toList();
        }
    }
}
