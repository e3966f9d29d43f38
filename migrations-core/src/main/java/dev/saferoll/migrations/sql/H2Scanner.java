package dev.saferoll.migrations.sql;

import java.util.Locale;

import dev.saferoll.migrations.sql.SqlToken.Kind;

/**
 * H2 2.x's lexical rules, after H2's {@code Tokenizer}: {@code '...'}, {@code N'...'}, {@code X'...'},
 * {@code U&'...'} and {@code $$...$$} strings, {@code "..."} and {@code `...`} identifiers, {@code ?} and
 * {@code $1} parameters, {@code --} and {@code //} line comments and nesting block comments.
 */
final class H2Scanner extends Scanner {

    H2Scanner(Lexer lexer) {
        super(lexer);
    }

    @Override
    boolean isWhitespace(char c) {
        return c <= ' ' || Character.isSpaceChar(c);
    }

    @Override
    int commentEnd(int pos) {
        char c = this.sql.charAt(pos);
        char d = charAt(pos + 1);
        if ((c == '-' && d == '-') || (c == '/' && d == '/')) {
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
                SqlToken token = this.lexer.removeLast();
                this.lexer.nextIsUnicode(token.value());
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
}
