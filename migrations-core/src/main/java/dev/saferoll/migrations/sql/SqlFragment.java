package dev.saferoll.migrations.sql;

import java.util.List;
import java.util.Objects;

/**
 * Some consecutive tokens of a statement, such as one action of an {@code ALTER TABLE} or the inside of parentheses.
 * @param text the exact text from the first token to the last; empty when there are no tokens
 * @param offset where the text starts in the input that was read
 * @param tokens the tokens
 * @param syntax the syntax they were read with
 */
public record SqlFragment(String text, int offset, List<SqlToken> tokens, SqlSyntax syntax) implements SqlTokens {

    public SqlFragment {
        Objects.requireNonNull(text, "text");
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(syntax, "syntax");
    }

    /** The text. */
    @Override
    public String toString() {
        return this.text;
    }
}
