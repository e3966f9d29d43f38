package dev.saferoll.migrations.sql;

import java.util.Locale;

import dev.saferoll.migrations.sql.SqlToken.Kind;

/**
 * PostgreSQL's lexical rules, after the server's scanner ({@code scan.l}): the string forms with their escapes and
 * continuation lines, dollar quoting, positional parameters, multi-character operators, {@code --} and nesting block
 * comments.
 */
final class PostgresScanner extends Scanner {

    private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";

    // An operator ending in + or - keeps it only when it holds one of these (scan.l: "SQL compatibility").
    private static final String NON_SQL_OPERATOR_CHARS = "~!@#^&|`?%";

    PostgresScanner(Lexer lexer) {
        super(lexer);
    }

    @Override
    int commentEnd(int pos) {
        char c = this.sql.charAt(pos);
        char d = charAt(pos + 1);
        if (c == '-' && d == '-') {
            return lineEnd(pos);
        }
        if (c == '/' && d == '*') {
            return blockCommentEnd(pos, true);
        }
        return pos;
    }

    @Override
    int token(int start) {
        char c = this.sql.charAt(start);
        char d = charAt(start + 1);
        if (c == '\'') {
            return string(start, start + 1, StringForm.STANDARD);
        }
        if (d == '\'') {
            switch (c) {
                case 'e', 'E' -> {
                    return string(start, start + 2, StringForm.ESCAPE);
                }
                case 'b', 'B' -> {
                    return string(start, start + 2, StringForm.BIT);
                }
                case 'x', 'X' -> {
                    return string(start, start + 2, StringForm.HEX);
                }
                case 'n', 'N' -> {
                    return string(start, start + 2, StringForm.NATIONAL);
                }
                default -> {
                }
            }
        }
        if ((c == 'u' || c == 'U') && d == '&') {
            if (charAt(start + 2) == '\'') {
                return string(start, start + 3, StringForm.UNICODE);
            }
            if (charAt(start + 2) == '"') {
                return quotedIdentifier(start, start + 3, '"', true);
            }
        }
        if (c == '"') {
            return quotedIdentifier(start, start + 1, '"', false);
        }
        if (c == '$') {
            return dollar(start);
        }
        if (isIdentifierStart(c)) {
            int p = start + 1;
            while (p < this.length && isIdentifierPart(this.sql.charAt(p))) {
                p++;
            }
            return add(Kind.WORD, start, p, this.sql.substring(start, p).toLowerCase(Locale.ROOT));
        }
        if (isDigit(c) || (c == '.' && isDigit(d))) {
            return add(Kind.NUMBER, start, numberEnd(start));
        }
        if (c == '.' && d == '.') {
            return add(Kind.OPERATOR, start, start + 2);
        }
        if (PUNCTUATION.indexOf(c) >= 0) {
            return add(Kind.PUNCTUATION, start, start + 1);
        }
        if (c == ':') {
            return add(Kind.OPERATOR, start, (d == ':' || d == '=') ? start + 2 : start + 1);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        return add(Kind.OPERATOR, start, start + Character.charCount(this.sql.codePointAt(start)));
    }

    private int string(int start, int contentStart, StringForm form) {
        DecodedText value = new DecodedText();
        int p = contentStart;
        while (true) {
            if (p >= this.length) {
                throw unterminated(form.description, start);
            }
            char c = this.sql.charAt(p);
            if (c == '\\' && form == StringForm.ESCAPE) {
                if (p + 1 >= this.length) {
                    throw unterminated(form.description, start);
                }
                p = escape(p, value);
            }
            else if (c == '\'') {
                if (form.doubledQuote && charAt(p + 1) == '\'') {
                    value.append('\'');
                    p += 2;
                    continue;
                }
                p++;
                int next = continuation(p);
                if (next < 0) {
                    break;
                }
                p = next + 1;
            }
            else {
                value.append(c);
                p++;
            }
        }
        String content = value.toString();
        if (form == StringForm.UNICODE) {
            this.lexer.nextIsUnicode(content);
            content = unicodeUnescape(content, '\\');
        }
        return add(Kind.STRING, start, p, content);
    }

    /**
     * Where the next segment of a continued string starts ({@code 'a'}, whitespace with a newline, {@code 'b'} is one
     * string in PostgreSQL), or -1.
     */
    private int continuation(int pos) {
        boolean newline = false;
        int p = pos;
        while (p < this.length) {
            char c = this.sql.charAt(p);
            if (c == '\n' || c == '\r') {
                newline = true;
                p++;
            }
            else if (c == ' ' || c == '\t' || c == '\f' || c == '\u000B') {
                p++;
            }
            else if (c == '-' && charAt(p + 1) == '-') {
                p = lineEnd(p);
            }
            else {
                break;
            }
        }
        return (newline && p < this.length && this.sql.charAt(p) == '\'') ? p : -1;
    }

    private int escape(int backslash, DecodedText value) {
        int p = backslash + 1;
        char c = this.sql.charAt(p);
        switch (c) {
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int end = p;
                while (end < p + 3 && end < this.length && charAt(end) >= '0' && charAt(end) <= '7') {
                    end++;
                }
                value.appendByte(Integer.parseInt(this.sql.substring(p, end), 8));
                return end;
            }
            case 'x' -> {
                int end = p + 1;
                while (end < p + 3 && isHexDigit(charAt(end))) {
                    end++;
                }
                if (end == p + 1) {
                    value.append('x');
                    return p + 1;
                }
                value.appendByte(Integer.parseInt(this.sql.substring(p + 1, end), 16));
                return end;
            }
            case 'u', 'U' -> {
                int digits = (c == 'u') ? 4 : 8;
                if (p + 1 + digits <= this.length && hexDigits(this.sql, p + 1, digits)) {
                    value.appendCodePoint(Integer.parseInt(this.sql.substring(p + 1, p + 1 + digits), 16));
                    return p + 1 + digits;
                }
                value.append(c);
            }
            default -> value.append(c);
        }
        return p + 1;
    }

    private int dollar(int start) {
        char d = charAt(start + 1);
        if (isDigit(d)) {
            int p = start + 1;
            while (isDigit(charAt(p))) {
                p++;
            }
            return add(Kind.PARAMETER, start, p);
        }
        int p = start + 1;
        if (isIdentifierStart(d)) {
            p++;
            while (p < this.length && isIdentifierPart(this.sql.charAt(p)) && this.sql.charAt(p) != '$') {
                p++;
            }
        }
        if (charAt(p) != '$') {
            // "$name" without a closing "$" is a lone "$" for PostgreSQL, then a word.
            return add(Kind.OPERATOR, start, start + 1);
        }
        String delimiter = this.sql.substring(start, p + 1);
        int close = this.sql.indexOf(delimiter, p + 1);
        if (close < 0) {
            throw unterminated("dollar-quoted string " + delimiter, start);
        }
        return add(Kind.STRING, start, close + delimiter.length(), this.sql.substring(p + 1, close));
    }

    private int operator(int start) {
        int p = start;
        while (p < this.length && OPERATOR_CHARS.indexOf(this.sql.charAt(p)) >= 0) {
            if (p > start && startsComment(p)) {
                break;
            }
            p++;
        }
        int end = p;
        if (end - start > 1 && isPlusOrMinus(this.sql.charAt(end - 1))) {
            boolean nonSql = false;
            for (int i = start; i < end - 1; i++) {
                nonSql |= NON_SQL_OPERATOR_CHARS.indexOf(this.sql.charAt(i)) >= 0;
            }
            if (!nonSql) {
                do {
                    end--;
                }
                while (end - start > 1 && isPlusOrMinus(this.sql.charAt(end - 1)));
            }
        }
        boolean questionMark = end - start == 1 && this.sql.charAt(start) == '?';
        return add(questionMark ? Kind.QUESTION_MARK : Kind.OPERATOR, start, end);
    }

    private boolean startsComment(int p) {
        char c = this.sql.charAt(p);
        char d = charAt(p + 1);
        return (c == '/' && d == '*') || (c == '-' && d == '-');
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    /** The string forms: how each is described in errors and whether {@code ''} stands for a quote. */
    private enum StringForm {

        STANDARD("quoted string", true),
        ESCAPE("escape string E'", true),
        UNICODE("Unicode string U&'", true),
        NATIONAL("national string N'", true),
        // In B'' and X'' a doubled quote ends the string and starts another; both are strings all the same.
        BIT("bit string B'", false),
        HEX("hex string X'", false);

        private final String description;

        private final boolean doubledQuote;

        StringForm(String description, boolean doubledQuote) {
            this.description = description;
            this.doubledQuote = doubledQuote;
        }
    }
}
