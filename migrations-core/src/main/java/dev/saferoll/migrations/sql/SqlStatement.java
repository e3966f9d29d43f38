package dev.saferoll.migrations.sql;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a script, as the database would run it.
 * @param number the statement's 1-based position in the script, for messages such as "statement 3, line 12"
 * @param text the exact text, from its first token to its last: without the terminating {@code ;} and without
 * comments before or after it (comments inside are kept, and so are the markers of a MySQL executable comment
 * around it)
 * @param offset where the text starts in the script, from 0
 * @param line the 1-based line where the text starts
 * @param column the 1-based column where the text starts
 * @param tokens the tokens, without comments; never empty
 * @param syntax the syntax the statement was read with
 */
public record SqlStatement(int number, String text, int offset, int line, int column, List<SqlToken> tokens,
        SqlSyntax syntax) implements SqlTokens {

    public SqlStatement {
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
