package dev.saferoll.migrations.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A run of tokens with the helpers a lint or guard needs to recognise a statement without regular expressions: a
 * whole {@link SqlStatement}, or a {@link SqlFragment} of one (an action between commas, the inside of parentheses).
 * <p>
 * The {@code words} of the matching methods are keywords or symbols, compared with {@link SqlToken#is(String)}: a
 * bare word matches ignoring case, so {@code startsWith("create", "unique", "index")} matches
 * {@code Create UNIQUE index}; quoted identifiers and strings never match. Nothing is skipped between the words.
 * "Top level" means outside parentheses and brackets.
 */
public sealed interface SqlTokens permits SqlStatement, SqlFragment {

    /** The exact text, from the start of the first token to the end of the last. */
    String text();

    /** Where {@link #text()} starts in the input that was read. */
    int offset();

    /** The tokens, without comments. */
    List<SqlToken> tokens();

    /** The syntax the tokens were read with; it decides how names fold. */
    SqlSyntax syntax();

    /** Whether the first tokens are these words. */
    default boolean startsWith(String... words) {
        return matchesAt(0, words);
    }

    /** Whether the tokens from {@code index} on are these words; false when they run past the end. */
    default boolean matchesAt(int index, String... words) {
        requireWords(words);
        List<SqlToken> tokens = tokens();
        if (index < 0 || index + words.length > tokens.size()) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(index + i).is(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first token where these words occur, at any depth, or -1. */
    default int indexOf(String... words) {
        requireWords(words);
        for (int i = 0; i < tokens().size(); i++) {
            if (matchesAt(i, words)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first token where these words occur outside parentheses and brackets, or -1. */
    default int indexOfTopLevel(String... words) {
        requireWords(words);
        int depth = 0;
        for (int i = 0; i < tokens().size(); i++) {
            if (depth == 0 && matchesAt(i, words)) {
                return i;
            }
            depth = SqlCursor.depthAfter(tokens().get(i), depth);
        }
        return -1;
    }

    /** Whether these words occur anywhere, even inside parentheses. */
    default boolean contains(String... words) {
        return indexOf(words) >= 0;
    }

    /** Whether these words occur outside parentheses and brackets. */
    default boolean containsTopLevel(String... words) {
        return indexOfTopLevel(words) >= 0;
    }

    /**
     * The parts between top-level separators, such as the comma-separated actions of an {@code ALTER TABLE}. A
     * separator inside parentheses or brackets does not split. No tokens give no parts.
     * @param separator a symbol or keyword, such as {@code ","}
     */
    default List<SqlFragment> splitTopLevel(String separator) {
        List<SqlFragment> parts = new ArrayList<>();
        if (tokens().isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens().size(); i++) {
            SqlToken token = tokens().get(i);
            if (depth == 0 && token.is(separator)) {
                parts.add(slice(start, i));
                start = i + 1;
            }
            depth = SqlCursor.depthAfter(token, depth);
        }
        parts.add(slice(start, tokens().size()));
        return List.copyOf(parts);
    }

    /**
     * The insides of the top-level parenthesised groups, in order, without the parentheses: for
     * {@code CREATE TABLE t (a int, b int)} one group {@code a int, b int}. An unclosed group runs to the end.
     */
    default List<SqlFragment> groups() {
        List<SqlFragment> groups = new ArrayList<>();
        SqlCursor cursor = cursor();
        while (!cursor.atEnd()) {
            SqlFragment group = cursor.group();
            if (group != null) {
                groups.add(group);
            }
            else {
                cursor.next();
            }
        }
        return List.copyOf(groups);
    }

    /** The tokens from {@code from} (inclusive) to {@code to} (exclusive). */
    default SqlFragment slice(int from, int to) {
        List<SqlToken> tokens = tokens();
        Objects.checkFromToIndex(from, to, tokens.size());
        if (from == to) {
            int at = (from < tokens.size()) ? tokens.get(from).offset() : offset() + text().length();
            return new SqlFragment("", at, List.of(), syntax());
        }
        SqlToken first = tokens.get(from);
        SqlToken last = tokens.get(to - 1);
        String text = text().substring(first.offset() - offset(), last.end() - offset());
        return new SqlFragment(text, first.offset(), tokens.subList(from, to), syntax());
    }

    /** The tokens from {@code index} to the end. */
    default SqlFragment from(int index) {
        return slice(index, tokens().size());
    }

    /**
     * The possibly qualified name that starts at {@code index} ({@code users}, {@code "My Schema".users},
     * {@code public."Users"}), folded as the syntax folds names, or {@code null} if no word or quoted identifier is
     * there. Of a three-part name the first part (a catalog) is dropped. Whether the word is a keyword is for the
     * caller to know.
     */
    default @Nullable SqlName nameAt(int index) {
        if (index < 0 || index > tokens().size()) {
            return null;
        }
        return new SqlCursor(this, index).name();
    }

    /** A cursor at the first token, to walk the statement clause by clause. */
    default SqlCursor cursor() {
        return new SqlCursor(this, 0);
    }

    private static void requireWords(String[] words) {
        if (words.length == 0) {
            throw new IllegalArgumentException("At least one word is needed");
        }
    }
}
