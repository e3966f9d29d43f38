package dev.saferoll.migrations.sql;

import java.util.Locale;
import java.util.Objects;

import dev.saferoll.migrations.Dialect;

/**
 * The lexical rules of one database's SQL: how strings, identifiers and comments are written, and how unquoted names
 * fold. Server settings that change these rules (PostgreSQL's {@code standard_conforming_strings = off}, MySQL's
 * {@code ANSI_QUOTES} and {@code NO_BACKSLASH_ESCAPES}) are not modelled: each syntax assumes the server default.
 */
public enum SqlSyntax {

    /**
     * PostgreSQL: {@code '...'} strings without backslash escapes, {@code E'...'}, {@code U&'...'},
     * {@code B'...'}, {@code X'...'}, dollar quoting, {@code "..."} identifiers, {@code --} and nesting block
     * comments; unquoted names fold to lower case. A {@code CREATE [OR REPLACE]
     * FUNCTION|PROCEDURE} with a {@code BEGIN ATOMIC ... END} body stays one statement.
     */
    POSTGRESQL,

    /**
     * H2 2.x: {@code '...'} strings, {@code $$...$$} strings, {@code "..."} and {@code `...`} identifiers,
     * {@code --} and {@code //} line comments, nesting block comments; unquoted names fold to upper case.
     */
    H2,

    /**
     * MySQL and MariaDB: {@code '...'} and {@code "..."} strings with backslash escapes, {@code `...`} identifiers,
     * {@code #} and {@code -- } (with a space) line comments, non-nesting block comments; names keep their case.
     * The content of executable comments (opened by {@code /*!} or {@code /*M!}) is read as SQL.
     * Compound statements ({@code BEGIN ... END} bodies of procedures and triggers) are not recognised.
     */
    MYSQL;

    /** The name an unquoted identifier stands for. */
    String foldUnquoted(String word) {
        return switch (this) {
            case POSTGRESQL -> lowerAscii(word);
            case H2 -> word.toUpperCase(Locale.ENGLISH);
            case MYSQL -> word;
        };
    }

    /** The name a name token stands for. */
    String resolve(SqlToken token) {
        if (token.kind() == SqlToken.Kind.WORD) {
            return foldUnquoted(token.text());
        }
        // H2 folds backtick-quoted names like unquoted ones.
        if (this == H2 && token.text().startsWith("`")) {
            return foldUnquoted(token.value());
        }
        return token.value();
    }

    // PostgreSQL folds only ASCII letters in a multibyte encoding (downcase_identifier).
    private static String lowerAscii(String word) {
        StringBuilder folded = null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (folded == null) {
                    folded = new StringBuilder(word);
                }
                folded.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return (folded != null) ? folded.toString() : word;
    }

    /** The syntax of a dialect's SQL: the one place that maps a dialect to its lexical rules. */
    public static SqlSyntax of(Dialect dialect) {
        return switch (Objects.requireNonNull(dialect, "dialect")) {
            case POSTGRESQL -> POSTGRESQL;
            case H2 -> H2;
            case MYSQL, MARIADB -> MYSQL;
        };
    }
}
