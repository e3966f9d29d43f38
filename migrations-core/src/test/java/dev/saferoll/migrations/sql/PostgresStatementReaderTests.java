package dev.saferoll.migrations.sql;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.sql.SqlToken.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class PostgresStatementReaderTests {

    private final StatementReader reader = StatementReader.postgresql();

    @Test
    void splitsAtSemicolonsAndLeavesTheSemicolonOut() {
        assertThat(texts("SELECT 1; SELECT 2;\nSELECT 3")).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
    }

    @Test
    void trimsWhitespaceAndDropsEmptyAndCommentOnlyStatements() {
        assertThat(texts("  ;;\n\t SELECT 1 \n ; ; -- only a comment;\n /* and; another */ ;")).containsExactly(
                "SELECT 1");
        assertThat(reader.read("")).isEmpty();
        assertThat(reader.read(" \n-- nothing\n/* at all */")).isEmpty();
    }

    @Test
    void keepsCommentsInsideAStatementButNotAroundIt() {
        assertThat(texts("-- users\nCREATE /* the; table */ TABLE users (id int) -- done;\n;"))
            .containsExactly("CREATE /* the; table */ TABLE users (id int)");
    }

    @Test
    void givesEachStatementItsNumberOffsetLineAndColumn() {
        String sql = "SELECT 1;\n\n  -- note\n  SELECT\n 2;\r\nSELECT 3";
        List<SqlStatement> statements = reader.read(sql);
        assertThat(statements).extracting(SqlStatement::number, SqlStatement::line, SqlStatement::column)
            .containsExactly(tuple(1, 1, 1), tuple(2, 4, 3), tuple(3, 6, 1));
        assertThat(statements).allSatisfy((statement) -> assertThat(sql.substring(statement.offset(),
                statement.offset() + statement.text().length())).isEqualTo(statement.text()));
        assertThat(statements.get(1).tokens().get(1)).extracting(SqlToken::line, SqlToken::column)
            .containsExactly(5, 2);
    }

    @Test
    void readsStringsWithDoubledQuotesAndSemicolons() {
        assertThat(texts("INSERT INTO t VALUES ('it''s; fine');SELECT ';'")).containsExactly(
                "INSERT INTO t VALUES ('it''s; fine')", "SELECT ';'");
        assertThat(tokens("SELECT 'it''s; fine'")).containsExactly("WORD SELECT", "STRING 'it''s; fine' = it's; fine");
    }

    @Test
    void treatsBackslashAsAnOrdinaryCharacterInStandardStrings() {
        assertThat(texts("SELECT 'C:\\'; SELECT 2")).containsExactly("SELECT 'C:\\'", "SELECT 2");
    }

    @Test
    void readsEscapeStringsWithBackslashEscapes() {
        assertThat(texts("SELECT E'it\\'s; \\\\'; SELECT e'\\\\'; SELECT 3")).containsExactly(
                "SELECT E'it\\'s; \\\\'", "SELECT e'\\\\'", "SELECT 3");
        assertThat(value("SELECT E'a\\nb\\tc\\x41\\101\\u00e9\\U0001F600\\q''d'"))
            .isEqualTo("a\nb\tcAA\u00e9\uD83D\uDE00q'd");
        assertThat(value("SELECT E'\\303\\251'")).isEqualTo("é");
    }

    @Test
    void continuesAStringOnTheNextLineInItsOwnForm() {
        assertThat(tokens("SELECT 'a' -- comment\n  'b;'")).containsExactly("WORD SELECT",
                "STRING 'a' -- comment\n  'b;' = ab;");
        // The continuation of an E'' string is read with backslash escapes too.
        assertThat(texts("SELECT E'a'\n'\\';'; SELECT 2")).containsExactly("SELECT E'a'\n'\\';'", "SELECT 2");
        // Without a newline the strings are two tokens.
        assertThat(tokens("SELECT 'a' 'b'")).containsExactly("WORD SELECT", "STRING 'a' = a", "STRING 'b' = b");
        // A block comment does not continue a string.
        assertThat(tokens("SELECT 'a' /* c */\n'b'")).containsExactly("WORD SELECT", "STRING 'a' = a",
                "STRING 'b' = b");
    }

    @Test
    void readsUnicodeBitHexAndNationalStrings() {
        assertThat(tokens("SELECT U&'d\\0061t\\+000061;', u&'x''y', B'0101', x'1F', N'n;'")).containsExactly(
                "WORD SELECT", "STRING U&'d\\0061t\\+000061;' = data;", "PUNCTUATION ,", "STRING u&'x''y' = x'y",
                "PUNCTUATION ,", "STRING B'0101' = 0101", "PUNCTUATION ,", "STRING x'1F' = 1F", "PUNCTUATION ,",
                "STRING N'n;' = n;");
        assertThat(value("SELECT U&'d!0061t' UESCAPE '!'")).isEqualTo("dat");
    }

    @Test
    void doesNotTreatAWordEndingInALetterPrefixAsAStringPrefix() {
        assertThat(tokens("SELECT nameE'x'")).containsExactly("WORD SELECT", "WORD nameE", "STRING 'x' = x");
    }

    @Test
    void readsQuotedIdentifiersWithDoubledQuotesAndKeepsTheirCase() {
        assertThat(texts("CREATE TABLE \"a;\"\"b\" (\"Id\" int); SELECT 1")).containsExactly(
                "CREATE TABLE \"a;\"\"b\" (\"Id\" int)", "SELECT 1");
        assertThat(tokens("SELECT \"Mixed\"\"Case\", U&\"\\0041b\"")).containsExactly("WORD SELECT",
                "QUOTED_IDENTIFIER \"Mixed\"\"Case\" = Mixed\"Case", "PUNCTUATION ,",
                "QUOTED_IDENTIFIER U&\"\\0041b\" = Ab");
    }

    @Test
    void readsDollarQuotedStringsWithAndWithoutTags() {
        String function = "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql";
        String tagged = "DO $body$ BEGIN PERFORM '$$;'; RAISE NOTICE $q$;$q$; END $body$";
        assertThat(texts(function + ";\n" + tagged + ";")).containsExactly(function, tagged);
        assertThat(tokens("SELECT $a$x$b$y$a$, $_1$;$_1$")).containsExactly("WORD SELECT", "STRING $a$x$b$y$a$ = x$b$y",
                "PUNCTUATION ,", "STRING $_1$;$_1$ = ;");
    }

    @Test
    void closesADollarQuoteAtTheFirstMatchingDelimiter() {
        assertThat(tokens("SELECT $t$ a$t$t$")).containsExactly("WORD SELECT", "STRING $t$ a$t$ =  a", "WORD t$");
    }

    @Test
    void readsDollarDigitsAsAParameterNotADollarQuote() {
        assertThat(tokens("SELECT $1, $12;")).containsExactly("WORD SELECT", "PARAMETER $1", "PUNCTUATION ,",
                "PARAMETER $12");
        assertThat(texts("SELECT $1; SELECT $2")).containsExactly("SELECT $1", "SELECT $2");
    }

    @Test
    void readsDollarSignsInsideWordsAsPartOfTheWord() {
        // x$$ is one identifier, so the $$ later on opens nothing.
        assertThat(texts("SELECT 1 AS x$$; SELECT 2 AS y$z$; SELECT 3")).containsExactly("SELECT 1 AS x$$",
                "SELECT 2 AS y$z$", "SELECT 3");
    }

    @Test
    void nestsBlockComments() {
        assertThat(texts("SELECT 1 /* outer /* inner; */ still; comment */ + 1; SELECT 2")).containsExactly(
                "SELECT 1 /* outer /* inner; */ still; comment */ + 1", "SELECT 2");
        assertThat(texts("SELECT 1 /**/ + 1; /*/ x */ SELECT 2")).containsExactly("SELECT 1 /**/ + 1", "SELECT 2");
    }

    @Test
    void endsALineCommentAtEitherLineBreak() {
        assertThat(texts("SELECT 1 -- a; b\rSELECT 2; SELECT 3 -- x")).containsExactly("SELECT 1 -- a; b\rSELECT 2",
                "SELECT 3");
    }

    @Test
    void stopsAnOperatorWhereACommentStarts() {
        assertThat(tokens("SELECT 2*/* c */3, 4+--x\n5")).containsExactly("WORD SELECT", "NUMBER 2", "OPERATOR *",
                "NUMBER 3", "PUNCTUATION ,", "NUMBER 4", "OPERATOR +", "NUMBER 5");
    }

    @Test
    void readsOperatorsAsPostgresqlDoes() {
        assertThat(tokens("SELECT a=-1, b::text, c->>'k', d <> e, f @> g, h !~~* i, j ?- k")).containsExactly(
                "WORD SELECT", "WORD a", "OPERATOR =", "OPERATOR -", "NUMBER 1", "PUNCTUATION ,", "WORD b",
                "OPERATOR ::", "WORD text", "PUNCTUATION ,", "WORD c", "OPERATOR ->>", "STRING 'k' = k",
                "PUNCTUATION ,", "WORD d", "OPERATOR <>", "WORD e", "PUNCTUATION ,", "WORD f", "OPERATOR @>", "WORD g",
                "PUNCTUATION ,", "WORD h", "OPERATOR !~~*", "WORD i", "PUNCTUATION ,", "WORD j", "OPERATOR ?-",
                "WORD k");
    }

    @Test
    void readsJsonbQuestionMarkOperatorsAsOperatorsAndALoneQuestionMarkAsItsOwnKind() {
        assertThat(tokens("SELECT d ?| ARRAY['a'], d ?& ARRAY['b'], d @? '$.a', d ? 'c', ?")).containsExactly(
                "WORD SELECT", "WORD d", "OPERATOR ?|", "WORD ARRAY", "PUNCTUATION [", "STRING 'a' = a",
                "PUNCTUATION ]", "PUNCTUATION ,", "WORD d", "OPERATOR ?&", "WORD ARRAY", "PUNCTUATION [",
                "STRING 'b' = b", "PUNCTUATION ]", "PUNCTUATION ,", "WORD d", "OPERATOR @?", "STRING '$.a' = $.a",
                "PUNCTUATION ,", "WORD d", "QUESTION_MARK ?", "STRING 'c' = c", "PUNCTUATION ,", "QUESTION_MARK ?");
    }

    @Test
    void readsNumbers() {
        assertThat(tokens("SELECT 1, 1.5, .5, 1e10, 2.5E-3, 1_000, 0x1F, 1..3")).containsExactly("WORD SELECT",
                "NUMBER 1", "PUNCTUATION ,", "NUMBER 1.5", "PUNCTUATION ,", "NUMBER .5", "PUNCTUATION ,",
                "NUMBER 1e10", "PUNCTUATION ,", "NUMBER 2.5E-3", "PUNCTUATION ,", "NUMBER 1_000", "PUNCTUATION ,",
                "NUMBER 0x1F", "PUNCTUATION ,", "NUMBER 1", "OPERATOR ..", "NUMBER 3");
    }

    @Test
    void lowerCasesWordsForMatchingAndKeepsTheirText() {
        SqlStatement statement = reader.read("CrEaTe TABLE Users (Ä int)").get(0);
        assertThat(statement.tokens()).extracting(SqlToken::text).containsExactly("CrEaTe", "TABLE", "Users", "(",
                "Ä", "int", ")");
        assertThat(statement.tokens()).extracting(SqlToken::value).containsExactly("create", "table", "users", "(",
                "ä", "int", ")");
        assertThat(statement.startsWith("CREATE", "table")).isTrue();
    }

    @Test
    void foldsUnquotedNamesToLowerCaseAndKeepsQuotedNames() {
        SqlStatement statement = reader.read("SELECT * FROM \"my schema\".Users, public.\"Users\", Ä.\"Ä\"").get(0);
        assertThat(statement.nameAt(3)).isEqualTo(new SqlName("my schema", "users"));
        assertThat(statement.nameAt(7)).isEqualTo(new SqlName("public", "Users"));
        // PostgreSQL folds only ASCII letters.
        assertThat(statement.nameAt(11)).isEqualTo(new SqlName("Ä", "Ä"));
    }

    @Test
    void keepsABeginAtomicFunctionBodyInOneStatement() {
        String function = """
                CREATE OR REPLACE FUNCTION add_audit(n int) RETURNS int
                LANGUAGE sql
                BEGIN ATOMIC
                  INSERT INTO audit VALUES (n);
                  SELECT CASE WHEN n > 0 THEN n ELSE 0 END;
                END""";
        String procedure = "create procedure p() begin atomic insert into t values (1); delete from u; end";
        assertThat(texts(function + ";\n" + procedure + "; SELECT 1")).containsExactly(function, procedure,
                "SELECT 1");
    }

    @Test
    void countsBeginAndEndOnlyInFunctionAndProcedureDefinitions() {
        assertThat(texts("BEGIN; SELECT 1; END; CREATE TABLE t (a int); SELECT CASE WHEN true THEN 1 END; SELECT 2"))
            .containsExactly("BEGIN", "SELECT 1", "END", "CREATE TABLE t (a int)",
                    "SELECT CASE WHEN true THEN 1 END", "SELECT 2");
        assertThat(texts("CREATE FUNCTION f() RETURNS int RETURN CASE WHEN true THEN 1 END; SELECT 2"))
            .containsExactly("CREATE FUNCTION f() RETURNS int RETURN CASE WHEN true THEN 1 END", "SELECT 2");
    }

    @Test
    void countsBeginOnlyBeforeAtomic() {
        String procedure = "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t SELECT 1 AS begin; END";
        assertThat(texts(procedure + "; SELECT 2")).containsExactly(procedure, "SELECT 2");
        assertThat(texts("CREATE FUNCTION begin() RETURNS int RETURN 1; SELECT 2")).containsExactly(
                "CREATE FUNCTION begin() RETURNS int RETURN 1", "SELECT 2");
    }

    @Test
    void keepsASemicolonInsideParenthesesInTheStatement() {
        assertThat(texts("SELECT (1; 2); SELECT 3")).containsExactly("SELECT (1; 2)", "SELECT 3");
    }

    @Test
    void readsSemicolonsOfABeginAtomicBodyAsPunctuation() {
        SqlStatement statement = reader.read("CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1; SELECT 2; END").get(0);
        assertThat(statement.tokens()).filteredOn((token) -> token.is(";")).hasSize(2)
            .allSatisfy((token) -> assertThat(token.kind()).isEqualTo(Kind.PUNCTUATION));
    }

    @Test
    void reportsAnUnterminatedDollarQuoteWithItsTagAndPosition() {
        assertThatExceptionOfType(UnterminatedSqlException.class)
            .isThrownBy(() -> reader.read("SELECT 1;\n\nDO $body$ BEGIN\nEND $bod$;"))
            .withMessage("Unterminated dollar-quoted string $body$ starting at line 3, column 4");
    }

    @Test
    void reportsEveryOtherUnterminatedConstruct() {
        assertUnterminated("SELECT 'abc", "quoted string starting at line 1, column 8");
        assertUnterminated("SELECT 'abc''", "quoted string starting at line 1, column 8");
        assertUnterminated("SELECT E'abc\\'", "escape string E' starting at line 1, column 8");
        assertUnterminated("SELECT U&'abc", "Unicode string U&' starting at line 1, column 8");
        assertUnterminated("SELECT B'01", "bit string B' starting at line 1, column 8");
        assertUnterminated("\nSELECT \"abc", "quoted identifier \" starting at line 2, column 8");
        assertUnterminated("SELECT U&\"abc", "Unicode quoted identifier U&\" starting at line 1, column 8");
        assertUnterminated("SELECT $$abc", "dollar-quoted string $$ starting at line 1, column 8");
        assertUnterminated("SELECT /* a /* b */ c", "block comment /* starting at line 1, column 8");
        assertUnterminated("SELECT 'a'\n'b", "quoted string starting at line 1, column 8");
    }

    @Test
    void readsALoneDollarSignAsAnOperator() {
        assertThat(tokens("SELECT $a b")).containsExactly("WORD SELECT", "OPERATOR $", "WORD a", "WORD b");
    }

    private void assertUnterminated(String sql, String message) {
        assertThatExceptionOfType(UnterminatedSqlException.class).isThrownBy(() -> reader.read(sql))
            .withMessage("Unterminated " + message);
    }

    private List<String> texts(String sql) {
        return reader.read(sql).stream().map(SqlStatement::text).toList();
    }

    private String value(String sql) {
        return reader.read(sql).get(0).tokens().get(1).value();
    }

    /** Each token as "KIND text", with " = value" for a string or quoted identifier whose value differs. */
    private List<String> tokens(String sql) {
        return describe(reader.read(sql));
    }

    static List<String> describe(List<SqlStatement> statements) {
        return statements.stream().flatMap((statement) -> statement.tokens().stream()).map((token) -> token.kind()
                + " " + token.text() + ((token.kind() == Kind.WORD || token.value().equals(token.text())) ? ""
                        : " = " + token.value())).toList();
    }
}
