package dev.saferoll.migrations.sql;

import java.util.List;

import dev.saferoll.migrations.sql.SqlToken.Kind;

/**
 * The lexical rules of one syntax, for a {@link Lexer}: what is whitespace, where a comment ends, and how the token at
 * a position is read. The scanning that several syntaxes share (plain strings, quoted identifiers, numbers, symbols,
 * block comments, Unicode escapes) is here; each subclass adds its own.
 */
abstract class Scanner {

    private static final List<String> OPERATORS = List.of("<=>", "->>", "->", "<=", ">=", "<>", "!=", "!~", "<<",
            ">>", "&&", "||", "::", ":=", "~*");

    static final String PUNCTUATION = "()[],.;";

    final Lexer lexer;

    final String sql;

    final int length;

    Scanner(Lexer lexer) {
        this.lexer = lexer;
        this.sql = lexer.sql();
        this.length = lexer.length();
    }

    /** Whether the character separates tokens. */
    boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** The position after a comment that starts at {@code pos}, or {@code pos} if none starts there. */
    abstract int commentEnd(int pos);

    /** Reads the token that starts at {@code start} (not whitespace, not a comment) and returns where it ends. */
    abstract int token(int start);

    /** Called at the end of the input, to refuse what is still open. */
    void finish() {
    }

    final char charAt(int index) {
        return this.lexer.charAt(index);
    }

    final int add(Kind kind, int start, int end) {
        return this.lexer.add(kind, start, end);
    }

    final int add(Kind kind, int start, int end, String value) {
        return this.lexer.add(kind, start, end, value);
    }

    final UnterminatedSqlException unterminated(String what, int start) {
        return this.lexer.unterminated(what, start);
    }

    // ---- comments

    final int lineEnd(int pos) {
        int p = pos;
        while (p < this.length && this.sql.charAt(p) != '\n' && this.sql.charAt(p) != '\r') {
            p++;
        }
        return p;
    }

    final int blockCommentEnd(int start, boolean nesting) {
        int depth = 1;
        int p = start + 2;
        while (p < this.length - 1) {
            char c = this.sql.charAt(p);
            char d = this.sql.charAt(p + 1);
            if (c == '*' && d == '/') {
                p += 2;
                if (--depth == 0) {
                    return p;
                }
            }
            else if (nesting && c == '/' && d == '*') {
                depth++;
                p += 2;
            }
            else {
                p++;
            }
        }
        throw unterminated("block comment /*", start);
    }

    // ---- tokens every syntax has

    final int symbol(int start) {
        for (String operator : OPERATORS) {
            if (this.sql.startsWith(operator, start)) {
                return add(Kind.OPERATOR, start, start + operator.length());
            }
        }
        char c = this.sql.charAt(start);
        if (PUNCTUATION.indexOf(c) >= 0) {
            return add(Kind.PUNCTUATION, start, start + 1);
        }
        return add(Kind.OPERATOR, start, start + Character.charCount(this.sql.codePointAt(start)));
    }

    /** A string without continuation: {@code ''} (or {@code ""}) stands for the quote, optionally MySQL's escapes. */
    final int simpleString(int start, int contentStart, char quote, boolean backslashEscapes, String description) {
        StringBuilder value = new StringBuilder();
        int p = contentStart;
        while (true) {
            if (p >= this.length) {
                throw unterminated(description, start);
            }
            char c = this.sql.charAt(p);
            if (c == '\\' && backslashEscapes) {
                if (p + 1 >= this.length) {
                    throw unterminated(description, start);
                }
                mysqlEscape(this.sql.charAt(p + 1), value);
                p += 2;
            }
            else if (c == quote) {
                if (charAt(p + 1) == quote) {
                    value.append(quote);
                    p += 2;
                }
                else {
                    p++;
                    break;
                }
            }
            else {
                value.append(c);
                p++;
            }
        }
        return add(Kind.STRING, start, p, value.toString());
    }

    private static void mysqlEscape(char c, StringBuilder value) {
        switch (c) {
            case '0' -> value.append('\0');
            case 'b' -> value.append('\b');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'Z' -> value.append('\u001A');
            // LIKE wildcards keep their backslash, so that \% and \_ still match literally.
            case '%', '_' -> value.append('\\').append(c);
            default -> value.append(c);
        }
    }

    final int quotedIdentifier(int start, int contentStart, char quote, boolean unicode) {
        StringBuilder value = new StringBuilder();
        int p = contentStart;
        while (true) {
            if (p >= this.length) {
                String opening = this.sql.substring(start, contentStart);
                throw unterminated((unicode ? "Unicode quoted identifier " : "quoted identifier ") + opening, start);
            }
            char c = this.sql.charAt(p);
            if (c == quote) {
                if (charAt(p + 1) == quote) {
                    value.append(quote);
                    p += 2;
                    continue;
                }
                p++;
                break;
            }
            value.append(c);
            p++;
        }
        String content = value.toString();
        if (unicode) {
            this.lexer.nextIsUnicode(content);
            content = unicodeUnescape(content, '\\');
        }
        return add(Kind.QUOTED_IDENTIFIER, start, p, content);
    }

    /** The end of a number: digits, fraction, exponent, or 0x / 0o / 0b digits; {@code _} between digits. */
    final int numberEnd(int start) {
        char radix = Character.toLowerCase(charAt(start + 1));
        if (charAt(start) == '0' && (radix == 'x' || radix == 'o' || radix == 'b')
                && isRadixDigit(charAt(start + 2), radix)) {
            int p = start + 2;
            while (isRadixDigit(charAt(p), radix) || (charAt(p) == '_' && isRadixDigit(charAt(p + 1), radix))) {
                p++;
            }
            return p;
        }
        int p = digitsEnd(start);
        if (charAt(p) == '.' && charAt(p + 1) != '.') {
            p = digitsEnd(p + 1);
        }
        if (charAt(p) == 'e' || charAt(p) == 'E') {
            int exponent = p + 1;
            if (isPlusOrMinus(charAt(exponent))) {
                exponent++;
            }
            if (isDigit(charAt(exponent))) {
                p = digitsEnd(exponent);
            }
        }
        return p;
    }

    private int digitsEnd(int start) {
        int p = start;
        while (isDigit(charAt(p)) || (charAt(p) == '_' && p > start && isDigit(charAt(p + 1)))) {
            p++;
        }
        return p;
    }

    private static boolean isRadixDigit(char c, char radix) {
        return switch (radix) {
            case 'x' -> isHexDigit(c);
            case 'o' -> c >= '0' && c <= '7';
            default -> c == '0' || c == '1';
        };
    }

    // ---- Unicode escapes (U&'...' and U&"...")

    static String unicodeUnescape(String content, char escape) {
        if (content.indexOf(escape) < 0) {
            return content;
        }
        StringBuilder value = new StringBuilder();
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c != escape) {
                value.append(c);
                i++;
            }
            else if (i + 1 < content.length() && content.charAt(i + 1) == escape) {
                value.append(escape);
                i += 2;
            }
            else if (i + 7 < content.length() && content.charAt(i + 1) == '+' && hexDigits(content, i + 2, 6)) {
                value.appendCodePoint(Integer.parseInt(content.substring(i + 2, i + 8), 16));
                i += 8;
            }
            else if (i + 4 < content.length() && hexDigits(content, i + 1, 4)) {
                value.append((char) Integer.parseInt(content.substring(i + 1, i + 5), 16));
                i += 5;
            }
            else {
                value.append(c);
                i++;
            }
        }
        return value.toString();
    }

    static boolean hexDigits(String text, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (i >= text.length() || !isHexDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- character classes

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isPlusOrMinus(char c) {
        return c == '+' || c == '-';
    }
}
