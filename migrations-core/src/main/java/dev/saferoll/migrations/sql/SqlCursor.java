package dev.saferoll.migrations.sql;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Walks the tokens of a {@link SqlTokens} clause by clause, for rules that read a statement the way its syntax
 * diagram does:
 * <pre>{@code
 * SqlCursor c = statement.cursor();
 * if (c.accept("alter", "table")) {
 *     c.accept("if", "exists");
 *     c.accept("only");
 *     SqlName table = c.name();
 *     List<SqlFragment> actions = c.rest().splitTopLevel(",");
 * }
 * }</pre>
 * Every method that does not match leaves the cursor where it was. Not thread-safe; cheap to make.
 */
public final class SqlCursor {

    private final SqlTokens source;

    private final List<SqlToken> tokens;

    private int position;

    SqlCursor(SqlTokens source, int position) {
        this.source = source;
        this.tokens = source.tokens();
        this.position = position;
    }

    /** The index of the next token in {@link SqlTokens#tokens()}. */
    public int position() {
        return this.position;
    }

    /** Whether every token has been read. */
    public boolean atEnd() {
        return this.position >= this.tokens.size();
    }

    /** The next token, without reading it, or {@code null} at the end. */
    public @Nullable SqlToken peek() {
        return atEnd() ? null : this.tokens.get(this.position);
    }

    /** Reads the next token, or returns {@code null} at the end. */
    public @Nullable SqlToken next() {
        return atEnd() ? null : this.tokens.get(this.position++);
    }

    /** Whether the next tokens are these words, without reading them. */
    public boolean lookingAt(String... words) {
        return this.source.matchesAt(this.position, words);
    }

    /** Reads the next tokens if they are these words; an optional clause is {@code accept("if", "exists")}. */
    public boolean accept(String... words) {
        if (!lookingAt(words)) {
            return false;
        }
        this.position += words.length;
        return true;
    }

    /**
     * Moves past the next occurrence of these words that is not inside parentheses opened after the cursor, or stays
     * put and returns false if there is none.
     */
    public boolean skipPast(String... words) {
        int depth = 0;
        for (int i = this.position; i < this.tokens.size(); i++) {
            if (depth == 0 && this.source.matchesAt(i, words)) {
                this.position = i + words.length;
                return true;
            }
            depth = depthAfter(this.tokens.get(i), depth);
        }
        return false;
    }

    /**
     * Reads a possibly qualified name ({@code a}, {@code s.a}, {@code "S"."A"}), folded as the syntax folds names, or
     * returns {@code null} if the next token is not a word or quoted identifier.
     * @see SqlTokens#nameAt(int)
     */
    public @Nullable SqlName name() {
        SqlToken first = peek();
        if (first == null || !first.isName()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        parts.add(this.source.syntax().resolve(first));
        int p = this.position + 1;
        while (p + 1 < this.tokens.size() && this.tokens.get(p).is(".") && this.tokens.get(p + 1).isName()) {
            parts.add(this.source.syntax().resolve(this.tokens.get(p + 1)));
            p += 2;
        }
        this.position = p;
        int last = parts.size() - 1;
        return new SqlName((last > 0) ? parts.get(last - 1) : null, parts.get(last));
    }

    /**
     * Reads a parenthesised group and returns its inside, without the parentheses, or returns {@code null} if the
     * next token is not {@code (}. An unclosed group runs to the end.
     */
    public @Nullable SqlFragment group() {
        if (!lookingAt("(")) {
            return null;
        }
        int start = this.position + 1;
        int depth = 0;
        for (int i = this.position; i < this.tokens.size(); i++) {
            depth = depthAfter(this.tokens.get(i), depth);
            if (depth == 0) {
                this.position = i + 1;
                return this.source.slice(start, i);
            }
        }
        this.position = this.tokens.size();
        return this.source.slice(start, this.tokens.size());
    }

    /** Reads everything that is left and returns it. */
    public SqlFragment rest() {
        SqlFragment rest = this.source.from(Math.min(this.position, this.tokens.size()));
        this.position = this.tokens.size();
        return rest;
    }

    static int depthAfter(SqlToken token, int depth) {
        if (token.kind() != SqlToken.Kind.PUNCTUATION) {
            return depth;
        }
        return switch (token.text()) {
            case "(", "[" -> depth + 1;
            case ")", "]" -> Math.max(0, depth - 1);
            default -> depth;
        };
    }
}
