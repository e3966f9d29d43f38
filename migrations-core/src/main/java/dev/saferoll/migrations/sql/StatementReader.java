package dev.saferoll.migrations.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.saferoll.migrations.Dialect;

/**
 * Splits SQL into statements and tokens, with the lexical rules of one {@link SqlSyntax}. A statement ends at a
 * {@code ;} that is outside strings, quoted identifiers, comments and parentheses; in PostgreSQL also outside the
 * {@code BEGIN ATOMIC ... END} body of a {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (tracked much as psql
 * does, counting {@code BEGIN ATOMIC}, {@code CASE} and {@code END} outside parentheses). Text that holds only
 * whitespace and comments is not a statement. Immutable and thread-safe.
 * <pre>{@code
 * for (SqlStatement statement : StatementReader.postgresql().read(script)) {
 *     if (statement.startsWith("delete", "from") && !statement.containsTopLevel("where")) {
 *         ... "statement " + statement.number() + ", line " + statement.line() + ": deletes every row" ...
 *     }
 * }
 * }</pre>
 */
public final class StatementReader {

    private static final StatementReader POSTGRESQL = new StatementReader(SqlSyntax.POSTGRESQL);

    private static final StatementReader H2 = new StatementReader(SqlSyntax.H2);

    private static final StatementReader MYSQL = new StatementReader(SqlSyntax.MYSQL);

    private final SqlSyntax syntax;

    private StatementReader(SqlSyntax syntax) {
        this.syntax = syntax;
    }

    /** The reader for a syntax. */
    public static StatementReader of(SqlSyntax syntax) {
        return switch (Objects.requireNonNull(syntax, "syntax")) {
            case POSTGRESQL -> POSTGRESQL;
            case H2 -> H2;
            case MYSQL -> MYSQL;
        };
    }

    /** The reader for a dialect's SQL. */
    public static StatementReader of(Dialect dialect) {
        return of(SqlSyntax.of(dialect));
    }

    /** The reader for PostgreSQL. */
    public static StatementReader postgresql() {
        return POSTGRESQL;
    }

    /** The reader for H2. */
    public static StatementReader h2() {
        return H2;
    }

    /** The reader for MySQL and MariaDB. */
    public static StatementReader mysql() {
        return MYSQL;
    }

    public SqlSyntax syntax() {
        return this.syntax;
    }

    /**
     * Reads every statement of a script, in order.
     * @throws UnterminatedSqlException if a string, quoted identifier, dollar quote or comment is not closed
     */
    public List<SqlStatement> read(String sql) {
        Lexer lexer = new Lexer(sql, this.syntax);
        List<SqlToken> tokens = lexer.tokens();
        List<SqlStatement> statements = new ArrayList<>();
        Boundary boundary = new Boundary(this.syntax);
        int statementStart = 0;
        int previousEnd = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (boundary.ends(token)) {
                add(sql, lexer, tokens.subList(statementStart, i), previousEnd, token.offset(), statements);
                statementStart = i + 1;
                previousEnd = token.end();
            }
        }
        add(sql, lexer, tokens.subList(statementStart, tokens.size()), previousEnd, sql.length(), statements);
        return List.copyOf(statements);
    }

    private void add(String sql, Lexer lexer, List<SqlToken> tokens, int previousEnd, int terminator,
            List<SqlStatement> statements) {
        if (tokens.isEmpty()) {
            return;
        }
        int start = tokens.get(0).offset();
        int end = tokens.get(tokens.size() - 1).end();
        for (Lexer.Span comment : lexer.executableComments()) {
            if (comment.start() >= previousEnd && comment.start() < start && start < comment.end()) {
                start = comment.start();
            }
            if (comment.start() < end && end <= comment.end() && comment.end() <= terminator) {
                end = comment.end();
            }
        }
        statements.add(new SqlStatement(statements.size() + 1, sql.substring(start, end), start, lexer.line(start),
                lexer.column(start), tokens, this.syntax));
    }

    /** Decides which {@code ;} ends a statement; one per read, reset at each statement. */
    private static final class Boundary {

        private final SqlSyntax syntax;

        private final List<String> leadingWords = new ArrayList<>();

        private int parentheses;

        private int bodies;

        private boolean afterBegin;

        Boundary(SqlSyntax syntax) {
            this.syntax = syntax;
        }

        boolean ends(SqlToken token) {
            boolean begin = this.afterBegin;
            this.afterBegin = false;
            if (token.is(";") && this.parentheses == 0 && this.bodies == 0) {
                this.leadingWords.clear();
                return true;
            }
            if (token.is("(")) {
                this.parentheses++;
            }
            else if (token.is(")") && this.parentheses > 0) {
                this.parentheses--;
            }
            else if (token.kind() == SqlToken.Kind.WORD) {
                word(token.value(), begin);
            }
            return false;
        }

        // psql's heuristic (psqlscan.l), except that BEGIN counts only before ATOMIC: BEGIN is not a reserved word,
        // and "SELECT 1 AS begin" inside a body would otherwise swallow the statements after it.
        private void word(String word, boolean afterBegin) {
            if (this.leadingWords.size() < 4) {
                this.leadingWords.add(word);
            }
            if (this.syntax != SqlSyntax.POSTGRESQL || this.parentheses > 0 || !definesRoutine()) {
                return;
            }
            switch (word) {
                case "begin" -> this.afterBegin = true;
                case "atomic" -> this.bodies += afterBegin ? 1 : 0;
                case "case" -> this.bodies += (this.bodies > 0) ? 1 : 0;
                case "end" -> this.bodies -= (this.bodies > 0) ? 1 : 0;
                default -> {
                }
            }
        }

        private boolean definesRoutine() {
            List<String> w = this.leadingWords;
            if (w.size() < 2 || !w.get(0).equals("create")) {
                return false;
            }
            if (isRoutine(w.get(1))) {
                return true;
            }
            return w.size() >= 4 && w.get(1).equals("or") && w.get(2).equals("replace") && isRoutine(w.get(3));
        }

        private static boolean isRoutine(String word) {
            return word.equals("function") || word.equals("procedure");
        }
    }
}
