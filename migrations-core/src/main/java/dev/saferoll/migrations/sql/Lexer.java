package dev.saferoll.migrations.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.saferoll.migrations.sql.SqlToken.Kind;

/**
 * Turns one input into tokens, following the lexical rules of a {@link SqlSyntax}. The lexer walks the input and
 * keeps what every syntax shares (positions, the tokens so far, Unicode escape clauses); a {@link Scanner} per syntax
 * knows its whitespace, comments and tokens. The PostgreSQL rules follow the server's own scanner ({@code scan.l});
 * the H2 rules follow H2's {@code Tokenizer}. One instance per input.
 */
final class Lexer {

    private final String sql;

    private final int length;

    private final int[] lineStarts;

    private final Scanner scanner;

    private final List<SqlToken> tokens = new ArrayList<>();

    private final List<Span> executableComments = new ArrayList<>();

    // Unicode escapes of U& tokens are decoded again when a UESCAPE clause follows; this keeps the undecoded text.
    private final Map<Integer, String> unicodeTokens = new HashMap<>();

    Lexer(String sql, SqlSyntax syntax) {
        this.sql = sql;
        this.length = sql.length();
        this.lineStarts = lineStarts(sql);
        this.scanner = switch (syntax) {
            case POSTGRESQL -> new PostgresScanner(this);
            case H2 -> new H2Scanner(this);
            case MYSQL -> new MySqlScanner(this);
        };
    }

    /** A span of the input: MySQL executable comments, whose markers belong to a statement's text. */
    record Span(int start, int end) {
    }

    List<SqlToken> tokens() {
        int pos = 0;
        while (pos < this.length) {
            if (this.scanner.isWhitespace(this.sql.charAt(pos))) {
                pos++;
                continue;
            }
            int afterComment = this.scanner.commentEnd(pos);
            if (afterComment > pos) {
                pos = afterComment;
                continue;
            }
            pos = this.scanner.token(pos);
        }
        this.scanner.finish();
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

    // ---- what the scanners use

    String sql() {
        return this.sql;
    }

    int length() {
        return this.length;
    }

    char charAt(int index) {
        return (index >= 0 && index < this.length) ? this.sql.charAt(index) : '\0';
    }

    /** Adds a token whose value is its text and returns where it ends. */
    int add(Kind kind, int start, int end) {
        return add(kind, start, end, this.sql.substring(start, end));
    }

    /** Adds a token and returns where it ends. */
    int add(Kind kind, int start, int end, String value) {
        this.tokens.add(new SqlToken(kind, this.sql.substring(start, end), value, start, line(start), column(start)));
        return end;
    }

    /** Takes back the last token added. */
    SqlToken removeLast() {
        return this.tokens.remove(this.tokens.size() - 1);
    }

    /** Remembers that the next token is a U& token with this undecoded content, for a UESCAPE clause after it. */
    void nextIsUnicode(String undecoded) {
        this.unicodeTokens.put(this.tokens.size(), undecoded);
    }

    void addExecutableComment(int start, int end) {
        this.executableComments.add(new Span(start, end));
    }

    UnterminatedSqlException unterminated(String what, int start) {
        return new UnterminatedSqlException("Unterminated " + what + " starting at line " + line(start) + ", column "
                + column(start));
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
                        Scanner.unicodeUnescape(entry.getValue(), escape), token.offset(), token.line(),
                        token.column()));
            }
        }
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
}
