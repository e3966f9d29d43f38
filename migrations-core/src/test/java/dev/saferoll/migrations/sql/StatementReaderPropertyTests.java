package dev.saferoll.migrations.sql;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants that hold for any input in every syntax: the reader either reports an unterminated construct or gives
 * statements and tokens whose text, offset, line and column point exactly into the input.
 */
class StatementReaderPropertyTests {

    private static final List<String> ATOMS = List.of("a", "E", "U&", "x", "N", " ", "\n", "\r", "\r\n", "\t", "'",
            "''", "\"", "`", "$", "$$", "$a$", "$1", ";", "--", "-- ", "#", "/*", "*/", "/*!", "/*M!", "//", "\\", "(",
            ")", "[", "]", ",", ".", ":", "?", "?|", "@?", "=", "-", "+", "*", "/", "<>", "1", "1.5e3", "é",
            "\uD83D\uDE00", "BEGIN", "ATOMIC", "END", "CASE", "CREATE", "PROCEDURE", "UESCAPE");

    @Property(tries = 1500)
    void pointsEveryStatementAndTokenIntoTheInput(@ForAll("syntaxes") SqlSyntax syntax, @ForAll("inputs") String sql) {
        List<SqlStatement> statements;
        try {
            statements = StatementReader.of(syntax).read(sql);
        }
        catch (UnterminatedSqlException ex) {
            assertThat(ex.getMessage()).startsWith("Unterminated ").containsPattern("at line \\d+, column \\d+$");
            return;
        }
        int previousEnd = 0;
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            assertThat(statement.number()).isEqualTo(i + 1);
            assertThat(statement.tokens()).isNotEmpty();
            assertThat(statement.offset()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(sql.substring(statement.offset(), statement.offset() + statement.text().length()))
                .isEqualTo(statement.text());
            assertThat(statement.text()).isEqualTo(statement.text().strip());
            assertThat(statement.line()).isEqualTo(line(sql, statement.offset()));
            assertThat(statement.column()).isEqualTo(column(sql, statement.offset()));
            int tokenEnd = statement.offset();
            for (SqlToken token : statement.tokens()) {
                assertThat(token.offset()).isGreaterThanOrEqualTo(tokenEnd);
                assertThat(token.text()).isNotEmpty().isEqualTo(sql.substring(token.offset(), token.end()));
                assertThat(token.line()).isEqualTo(line(sql, token.offset()));
                assertThat(token.column()).isEqualTo(column(sql, token.offset()));
                tokenEnd = token.end();
            }
            assertThat(tokenEnd).isLessThanOrEqualTo(statement.offset() + statement.text().length());
            previousEnd = statement.offset() + statement.text().length();
        }
    }

    @Property(tries = 1500)
    void readsEachStatementAloneAsTheSameOneStatement(@ForAll("syntaxes") SqlSyntax syntax,
            @ForAll("inputs") String sql) {
        // MySQL is left out: a ';' inside an executable comment ends a statement whose text opens the comment.
        if (syntax == SqlSyntax.MYSQL) {
            return;
        }
        List<SqlStatement> statements;
        try {
            statements = StatementReader.of(syntax).read(sql);
        }
        catch (UnterminatedSqlException ex) {
            return;
        }
        for (SqlStatement statement : statements) {
            List<SqlStatement> again = StatementReader.of(syntax).read(statement.text());
            assertThat(again).hasSize(1);
            assertThat(again.get(0).tokens()).extracting(SqlToken::kind, SqlToken::text, SqlToken::value)
                .isEqualTo(statement.tokens().stream()
                    .map((token) -> org.assertj.core.groups.Tuple.tuple(token.kind(), token.text(), token.value()))
                    .toList());
        }
    }

    @Provide
    Arbitrary<SqlSyntax> syntaxes() {
        return Arbitraries.of(SqlSyntax.class);
    }

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.of(ATOMS).list().ofMaxSize(30).map((parts) -> String.join("", parts));
    }

    private static int line(String sql, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private static int column(String sql, int offset) {
        int start = offset;
        while (start > 0 && sql.charAt(start - 1) != '\n' && sql.charAt(start - 1) != '\r') {
            start--;
        }
        return offset - start + 1;
    }
}
