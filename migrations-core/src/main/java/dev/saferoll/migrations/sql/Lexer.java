package dev.saferoll.migrations.sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.saferoll.migrations.sql.SqlToken.Kind;

/**
 * Turns one input into tokens, following the lexical rules of a {@link SqlSyntax}. The PostgreSQL rules follow the
 * server's own scanner ({@code scan.l}); the H2 rules follow H2's {@code Tokenizer}. One instance per input.
 */
final class Lexer {

    private static final String POSTGRES_OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";

    // An operator ending in + or - keeps it only when it holds one of these (scan.l: "SQL compatibility").
    private static final String POSTGRES_NON_SQL_OPERATOR_CHARS = "~!@#^&|`?%";

    private static final List<String> OPERATORS = List.of("<=>", "->>", "->", "<=", ">=", "<>", "!=", "!~", "<<",
            ">>", "&&", "||", "::", ":=", "~*");

    private static final String PUNCTUATION = "()[],.;";

    private final String sql;

    private final SqlSyntax syntax;

    private final int length;

    private final int[] lineStarts;

    private final List<SqlToken> tokens = new ArrayList<>();

    private final List<Span> executableComments = new ArrayList<>();

    // Unicode escapes of U& tokens are decoded again when a UESCAPE clause follows; this keeps the undecoded text.
    private final Map<Integer, String> unicodeTokens = new HashMap<>();

    private int executableCommentStart = -1;

    Lexer(String sql, SqlSyntax syntax) {
        this.sql = sql;
        this.syntax = syntax;
        this.length = sql.length();
        this.lineStarts = lineStarts(sql);
    }

    /** A span of the input: MySQL executable comments, whose markers belong to a statement's text. */
    record Span(int start, int end) {
    }

    List<SqlToken> tokens() {
        int pos = 0;
        while (pos < this.length) {
            if (isWhitespace(this.sql.charAt(pos))) {
                pos++;
                continue;
            }
            int afterComment = skipComment(pos);
            if (afterComment > pos) {
                pos = afterComment;
                continue;
            }
            pos = switch (this.syntax) {
                case POSTGRESQL -> postgresToken(pos);
                case H2 -> h2Token(pos);
                case MYSQL -> mysqlToken(pos);
            };
        }
        if (this.executableCommentStart >= 0) {
            throw unterminated("executable comment /*!", this.executableCommentStart);
        }
        applyUnicodeEscapeClauses();
        return this.tokens;
    }

    List<Span> executableComments() {
        return this.executableComments;
    }

    int line(int offset) {
        int low = 0;
        int high = this.lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (this.lineStarts[middle] <= offset) {
                low = middle;
            }
            else {
                high = middle - 1;
            }
        }
        return low + 1;
    }

    int column(int offset) {
        return offset - this.lineStarts[line(offset) - 1] + 1;
    }

    // ---- whitespace and comments

    private boolean isWhitespace(char c) {
        if (this.syntax == SqlSyntax.H2) {
            return c <= ' ' || Character.isSpaceChar(c);
        }
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** The position after a comment that starts at {@code pos}, or {@code pos} if none starts there. */
    private int skipComment(int pos) {
        char c = this.sql.charAt(pos);
        char d = charAt(pos + 1);
        switch (this.syntax) {
            case POSTGRESQL -> {
                if (c == '-' && d == '-') {
                    return lineEnd(pos);
                }
                if (c == '/' && d == '*') {
                    return blockCommentEnd(pos, true);
                }
            }
            case H2 -> {
                if ((c == '-' && d == '-') || (c == '/' && d == '/')) {
                    return lineEnd(pos);
                }
                if (c == '/' && d == '*') {
                    return blockCommentEnd(pos, true);
                }
            }
            case MYSQL -> {
                if (c == '#') {
                    return lineEnd(pos);
                }
                // MySQL: "--" starts a comment only when followed by whitespace or a control character.
                if (c == '-' && d == '-' && (pos + 2 >= this.length || charAt(pos + 2) <= ' ')) {
                    return lineEnd(pos);
                }
                if (c == '*' && d == '/' && this.executableCommentStart >= 0) {
                    this.executableComments.add(new Span(this.executableCommentStart, pos + 2));
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
            }
        }
        return pos;
    }

    private int lineEnd(int pos) {
        int p = pos;
        while (p < this.length && this.sql.charAt(p) != '\n' && this.sql.charAt(p) != '\r') {
            p++;
        }
        return p;
    }

    private int blockCommentEnd(int start, boolean nesting) {
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

    // ---- PostgreSQL

    private int postgresToken(int start) {
        char c = this.sql.charAt(start);
        char d = charAt(start + 1);
        if (c == '\'') {
            return postgresString(start, start + 1, StringForm.STANDARD);
        }
        if (d == '\'') {
            switch (c) {
                case 'e', 'E' -> {
                    return postgresString(start, start + 2, StringForm.ESCAPE);
                }
                case 'b', 'B' -> {
                    return postgresString(start, start + 2, StringForm.BIT);
                }
                case 'x', 'X' -> {
                    return postgresString(start, start + 2, StringForm.HEX);
                }
                case 'n', 'N' -> {
                    return postgresString(start, start + 2, StringForm.NATIONAL);
                }
                default -> {
                }
            }
        }
        if ((c == 'u' || c == 'U') && d == '&') {
            if (charAt(start + 2) == '\'') {
                return postgresString(start, start + 3, StringForm.UNICODE);
            }
            if (charAt(start + 2) == '"') {
                return quotedIdentifier(start, start + 3, '"', true);
            }
        }
        if (c == '"') {
            return quotedIdentifier(start, start + 1, '"', false);
        }
        if (c == '$') {
            return postgresDollar(start);
        }
        if (isPostgresIdentifierStart(c)) {
            int p = start + 1;
            while (p < this.length && isPostgresIdentifierPart(this.sql.charAt(p))) {
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
        if (POSTGRES_OPERATOR_CHARS.indexOf(c) >= 0) {
            return postgresOperator(start);
        }
        return add(Kind.OPERATOR, start, start + Character.charCount(this.sql.codePointAt(start)));
    }

    private int postgresString(int start, int contentStart, StringForm form) {
        Text value = new Text();
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
                p = postgresEscape(p, value);
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
            this.unicodeTokens.put(this.tokens.size(), content);
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

    private int postgresEscape(int backslash, Text value) {
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
                if (hexDigitsAt(p + 1, digits)) {
                    value.appendCodePoint(Integer.parseInt(this.sql.substring(p + 1, p + 1 + digits), 16));
                    return p + 1 + digits;
                }
                value.append(c);
            }
            default -> value.append(c);
        }
        return p + 1;
    }

    private int postgresDollar(int start) {
        char d = charAt(start + 1);
        if (isDigit(d)) {
            int p = start + 1;
            while (isDigit(charAt(p))) {
                p++;
            }
            return add(Kind.PARAMETER, start, p);
        }
        int p = start + 1;
        if (isPostgresIdentifierStart(d)) {
            p++;
            while (p < this.length && isPostgresIdentifierPart(this.sql.charAt(p)) && this.sql.charAt(p) != '$') {
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

    private int postgresOperator(int start) {
        int p = start;
        while (p < this.length && POSTGRES_OPERATOR_CHARS.indexOf(this.sql.charAt(p)) >= 0) {
            if (p > start && startsComment(p)) {
                break;
            }
            p++;
        }
        int end = p;
        if (end - start > 1 && isPlusOrMinus(this.sql.charAt(end - 1))) {
            boolean nonSql = false;
            for (int i = start; i < end - 1; i++) {
                nonSql |= POSTGRES_NON_SQL_OPERATOR_CHARS.indexOf(this.sql.charAt(i)) >= 0;
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

    private static boolean isPostgresIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isPostgresIdentifierPart(char c) {
        return isPostgresIdentifierStart(c) || isDigit(c) || c == '$';
    }

    // ---- H2

    private int h2Token(int start) {
        char c = this.sql.charAt(start);
        char d = charAt(start + 1);
        if (c == '\'') {
            return simpleString(start, start + 1, '\'', false, "quoted string");
        }
        if (d == '\'' && (c == 'n' || c == 'N')) {
            return simpleString(start, start + 2, '\'', false, "national string N'");
        }
        if (d == '\'' && (c == 'x' || c == 'X')) {
            return simpleString(start, start + 2, '\'', false, "hex string X'");
        }
        if ((c == 'u' || c == 'U') && d == '&') {
            if (charAt(start + 2) == '\'') {
                int end = simpleString(start, start + 3, '\'', false, "Unicode string U&'");
                SqlToken token = this.tokens.remove(this.tokens.size() - 1);
                this.unicodeTokens.put(this.tokens.size(), token.value());
                return add(Kind.STRING, start, end, unicodeUnescape(token.value(), '\\'));
            }
            if (charAt(start + 2) == '"') {
                return quotedIdentifier(start, start + 3, '"', true);
            }
        }
        if (c == '"' || c == '`') {
            return quotedIdentifier(start, start + 1, c, false);
        }
        if (c == '$' && d == '$') {
            int close = this.sql.indexOf("$$", start + 2);
            if (close < 0) {
                throw unterminated("dollar-quoted string $$", start);
            }
            return add(Kind.STRING, start, close + 2, this.sql.substring(start + 2, close));
        }
        if ((c == '$' && isDigit(d)) || c == '?') {
            int p = start + 1;
            while (isDigit(charAt(p))) {
                p++;
            }
            return add(Kind.PARAMETER, start, p);
        }
        int codePoint = this.sql.codePointAt(start);
        if (c != '$' && Character.isJavaIdentifierStart(codePoint)) {
            int p = start + Character.charCount(codePoint);
            while (p < this.length && Character.isJavaIdentifierPart(this.sql.codePointAt(p))) {
                p += Character.charCount(this.sql.codePointAt(p));
            }
            return add(Kind.WORD, start, p, this.sql.substring(start, p).toLowerCase(Locale.ROOT));
        }
        if (isDigit(c) || (c == '.' && isDigit(d))) {
            return add(Kind.NUMBER, start, numberEnd(start));
        }
        return symbol(start);
    }

    // ---- MySQL

    private int mysqlToken(int start) {
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
        if (isMysqlIdentifierPart(c)) {
            int p = start + 1;
            while (p < this.length && isMysqlIdentifierPart(this.sql.charAt(p))) {
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

    private static boolean isMysqlIdentifierPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    // ---- shared

    private int symbol(int start) {
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
    private int simpleString(int start, int contentStart, char quote, boolean backslashEscapes, String description) {
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

    private int quotedIdentifier(int start, int contentStart, char quote, boolean unicode) {
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
            this.unicodeTokens.put(this.tokens.size(), content);
            content = unicodeUnescape(content, '\\');
        }
        return add(Kind.QUOTED_IDENTIFIER, start, p, content);
    }

    /** The end of a number: digits, fraction, exponent, or 0x / 0o / 0b digits; {@code _} between digits. */
    private int numberEnd(int start) {
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

    /** Applies {@code U&'...' UESCAPE '!'}: decodes the U& token again with the given escape character. */
    private void applyUnicodeEscapeClauses() {
        for (Map.Entry<Integer, String> entry : this.unicodeTokens.entrySet()) {
            int index = entry.getKey();
            if (index + 2 < this.tokens.size() && this.tokens.get(index + 1).is("uescape")
                    && this.tokens.get(index + 2).kind() == Kind.STRING
                    && this.tokens.get(index + 2).value().length() == 1) {
                SqlToken token = this.tokens.get(index);
                char escape = this.tokens.get(index + 2).value().charAt(0);
                this.tokens.set(index, new SqlToken(token.kind(), token.text(),
                        unicodeUnescape(entry.getValue(), escape), token.offset(), token.line(), token.column()));
            }
        }
    }

    private static String unicodeUnescape(String content, char escape) {
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

    private static boolean hexDigits(String text, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (i >= text.length() || !isHexDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean hexDigitsAt(int start, int count) {
        return start + count <= this.length && hexDigits(this.sql, start, count);
    }

    private int add(Kind kind, int start, int end) {
        return add(kind, start, end, this.sql.substring(start, end));
    }

    private int add(Kind kind, int start, int end, String value) {
        this.tokens.add(new SqlToken(kind, this.sql.substring(start, end), value, start, line(start), column(start)));
        return end;
    }

    private char charAt(int index) {
        return (index >= 0 && index < this.length) ? this.sql.charAt(index) : '\0';
    }

    private UnterminatedSqlException unterminated(String what, int start) {
        return new UnterminatedSqlException("Unterminated " + what + " starting at line " + line(start) + ", column "
                + column(start));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isPlusOrMinus(char c) {
        return c == '+' || c == '-';
    }

    private static int[] lineStarts(String sql) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The PostgreSQL string forms: how each is described in errors and whether {@code ''} stands for a quote. */
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

    /** A string value that may hold raw bytes from octal and hex escapes, decoded as UTF-8. */
    private static final class Text {

        private final StringBuilder chars = new StringBuilder();

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void append(char c) {
            flush();
            this.chars.append(c);
        }

        void appendCodePoint(int codePoint) {
            flush();
            if (Character.isValidCodePoint(codePoint)) {
                this.chars.appendCodePoint(codePoint);
            }
        }

        void appendByte(int b) {
            this.bytes.write(b);
        }

        private void flush() {
            if (this.bytes.size() > 0) {
                this.chars.append(new String(this.bytes.toByteArray(), StandardCharsets.UTF_8));
                this.bytes.reset();
            }
        }

        @Override
        public String toString() {
            flush();
            return this.chars.toString();
        }
    }
}
