package dev.saferoll.migrations.sql;

import java.util.Objects;

/**
 * One token of a statement. Comments and whitespace are not tokens.
 * @param kind what the token is
 * @param text the token exactly as written in the input
 * @param value the normalised form: lower case for a {@link Kind#WORD} (for matching keywords, not for resolving
 * names; see {@link SqlTokens#nameAt(int)}), the unquoted and unescaped content for a quoted identifier or a string,
 * and {@code text} for every other kind
 * @param offset where the token starts in the input, from 0
 * @param line the 1-based line of the token's first character
 * @param column the 1-based column of the token's first character
 */
public record SqlToken(Kind kind, String text, String value, int offset, int line, int column) {

    public SqlToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
    }

    /** Where the token ends in the input (exclusive). */
    public int end() {
        return this.offset + this.text.length();
    }

    /**
     * Whether this token is the given keyword or symbol: a {@link Kind#WORD} equal to it ignoring case, or an
     * operator, punctuation or question mark with exactly this text. A quoted identifier or a string never matches.
     */
    public boolean is(String expected) {
        return switch (this.kind) {
            case WORD -> this.text.equalsIgnoreCase(expected);
            case OPERATOR, PUNCTUATION, QUESTION_MARK -> this.text.equals(expected);
            case QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER -> false;
        };
    }

    /** Whether this token can be (part of) a name: a bare word or a quoted identifier. */
    public boolean isName() {
        return this.kind == Kind.WORD || this.kind == Kind.QUOTED_IDENTIFIER;
    }

    /** What a token is. */
    public enum Kind {

        /** A bare keyword or identifier, such as {@code CREATE} or {@code users}. */
        WORD,

        /** A quoted identifier: {@code "Users"} and {@code U&"..."}, or MySQL's and H2's {@code `users`}. */
        QUOTED_IDENTIFIER,

        /**
         * A string literal of any form: {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code N'...'},
         * {@code B'...'}, {@code X'...'}, dollar-quoted, and MySQL's {@code "..."}. PostgreSQL strings continued on
         * the next line ({@code 'a'}, newline, {@code 'b'}) are one token.
         */
        STRING,

        /** A numeric literal. */
        NUMBER,

        /**
         * An operator, such as {@code =}, {@code <>}, {@code ::}, {@code ||}, {@code ->>}, and PostgreSQL's jsonb
         * operators {@code ?|}, {@code ?&} and {@code @?}. A character the syntax does not know is an operator of
         * its own.
         */
        OPERATOR,

        /** One of {@code ( ) [ ] , . ;}. A {@code ;} is only inside a statement in a {@code BEGIN ATOMIC} body. */
        PUNCTUATION,

        /**
         * A bind parameter that can be nothing else: {@code $1} in PostgreSQL; {@code ?}, {@code ?1} and
         * {@code $1} in H2; {@code ?} in MySQL.
         */
        PARAMETER,

        /**
         * A lone {@code ?} in PostgreSQL, which is ambiguous: a JDBC placeholder when the statement is prepared with
         * bind values, and jsonb's key-exists operator when it is sent through a plain {@code Statement}. A
         * {@code ?} inside a longer operator ({@code ?|}, {@code ?&}, {@code @?}) is part of that operator.
         */
        QUESTION_MARK
    }
}
