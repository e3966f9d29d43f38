package dev.saferoll.migrations.sql;

import java.util.Locale;

import dev.saferoll.migrations.sql.SqlToken.Kind;

/**
 * MySQL's and MariaDB's lexical rules: {@code '...'} and {@code "..."} strings with backslash escapes,
 * {@code `...`} identifiers, names that may start with a digit, {@code #} and {@code -- } comments, non-nesting block
 * comments, and executable comments ({@code /*!...*}{@code /}, {@code /*M!...*}{@code /}) whose content is read as SQL.
 */
final class MySqlScanner extends Scanner {

    private int executableCommentStart = -1;

    MySqlScanner(Lexer lexer) {
        super(lexer);
    }

    @Override
    int commentEnd(int pos) {
        char c = this.sql.charAt(pos);
        char d = charAt(pos + 1);
        if (c == '#') {
            return lineEnd(pos);
        }
        // MySQL: "--" starts a comment only when followed by whitespace or a control character.
        if (c == '-' && d == '-' && (pos + 2 >= this.length || charAt(pos + 2) <= ' ')) {
            return lineEnd(pos);
        }
        if (c == '*' && d == '/' && this.executableCommentStart >= 0) {
            this.lexer.addExecutableComment(this.executableCommentStart, pos + 2);
            this.executableCommentStart = -1;
            return pos + 2;
        }
        if (c == '/' && d == '*') {
            int marker = (charAt(pos + 2) == '!') ? pos + 3
                    : (charAt(pos + 2) == 'M' && charAt(pos + 3) == '!') ? pos + 4 : -1;
            if (marker > 0 && this.executableCommentStart < 0) {
                this.executableCommentStart = pos;
                while (isDigit(charAt(marker))) {
                    marker++;
                }
                return marker;
            }
            return blockCommentEnd(pos, false);
        }
        return pos;
    }

    @Override
    void finish() {
        if (this.executableCommentStart >= 0) {
            throw unterminated("executable comment /*!", this.executableCommentStart);
        }
    }

    @Override
    int token(int start) {
        char c = this.sql.charAt(start);
        char d = charAt(start + 1);
        if (c == '\'') {
            return simpleString(start, start + 1, '\'', true, "quoted string");
        }
        if (c == '"') {
            return simpleString(start, start + 1, '"', true, "double-quoted string");
        }
        if (d == '\'') {
            switch (c) {
                case 'n', 'N' -> {
                    return simpleString(start, start + 2, '\'', true, "national string N'");
                }
                case 'x', 'X' -> {
                    return simpleString(start, start + 2, '\'', false, "hex string X'");
                }
                case 'b', 'B' -> {
                    return simpleString(start, start + 2, '\'', false, "bit string B'");
                }
                default -> {
                }
            }
        }
        if (c == '`') {
            return quotedIdentifier(start, start + 1, '`', false);
        }
        if (c == '?') {
            return add(Kind.PARAMETER, start, start + 1);
        }
        if (isIdentifierPart(c)) {
            int p = start + 1;
            while (p < this.length && isIdentifierPart(this.sql.charAt(p))) {
                p++;
            }
            // MySQL names may start with a digit: "1e5" and "0x1F" are numbers, "1st" is a name.
            if (isDigit(c)) {
                int number = numberEnd(start);
                if (number >= p) {
                    return add(Kind.NUMBER, start, number);
                }
            }
            return add(Kind.WORD, start, p, this.sql.substring(start, p).toLowerCase(Locale.ROOT));
        }
        if (c == '.' && isDigit(d)) {
            return add(Kind.NUMBER, start, numberEnd(start));
        }
        return symbol(start);
    }

    private static boolean isIdentifierPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
