package dev.saferoll.migrations.sql;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class H2StatementReaderTests {

    private final StatementReader reader = StatementReader.h2();

    @Test
    void splitsAtSemicolonsOutsideStringsIdentifiersAndComments() {
        assertThat(texts("INSERT INTO t VALUES ('a;''b'); CREATE TABLE \"x;\"\"y\" (`c;` INT); -- z;\nSELECT 1"))
            .containsExactly("INSERT INTO t VALUES ('a;''b')", "CREATE TABLE \"x;\"\"y\" (`c;` INT)", "SELECT 1");
    }

    @Test
    void treatsBackslashAsAnOrdinaryCharacter() {
        assertThat(texts("SELECT 'C:\\'; SELECT 2")).containsExactly("SELECT 'C:\\'", "SELECT 2");
    }

    @Test
    void readsDoubleDollarStringsWithoutTags() {
        String alias = "CREATE ALIAS f AS $$ String f(String s) { return s + \";\"; } $$";
        assertThat(texts(alias + "; SELECT 1")).containsExactly(alias, "SELECT 1");
        assertThat(PostgresStatementReaderTests.describe(reader.read("SELECT $$a$b$$"))).containsExactly(
                "WORD SELECT", "STRING $$a$b$$ = a$b");
    }

    @Test
    void readsDoubleDashAndDoubleSlashLineCommentsAndNestingBlockComments() {
        assertThat(texts("SELECT 1 // a;\n; SELECT 2 -- b;\n; SELECT /* c /* d; */ e; */ 3")).containsExactly(
                "SELECT 1", "SELECT 2", "SELECT /* c /* d; */ e; */ 3");
    }

    @Test
    void readsParameters() {
        assertThat(PostgresStatementReaderTests.describe(reader.read("SELECT ?, ?2, $3"))).containsExactly(
                "WORD SELECT", "PARAMETER ?", "PUNCTUATION ,", "PARAMETER ?2", "PUNCTUATION ,",
                "PARAMETER $3");
    }

    @Test
    void readsNationalHexAndUnicodeStringsAndNoEscapeStrings() {
        assertThat(PostgresStatementReaderTests.describe(reader.read("SELECT N'a', X'1f', U&'\\0041', E'b'")))
            .containsExactly("WORD SELECT", "STRING N'a' = a", "PUNCTUATION ,", "STRING X'1f' = 1f",
                    "PUNCTUATION ,", "STRING U&'\\0041' = A", "PUNCTUATION ,", "WORD E", "STRING 'b' = b");
    }

    @Test
    void foldsUnquotedAndBacktickQuotedNamesToUpperCaseAndKeepsDoubleQuotedNames() {
        SqlStatement statement = reader.read("SELECT * FROM public.users, \"Mixed\".\"Case\", `lower`").get(0);
        assertThat(statement.nameAt(3)).isEqualTo(new SqlName("PUBLIC", "USERS"));
        assertThat(statement.nameAt(7)).isEqualTo(new SqlName("Mixed", "Case"));
        assertThat(statement.nameAt(11)).isEqualTo(SqlName.of("LOWER"));
    }

    @Test
    void doesNotTreatBeginAtomicSpecially() {
        assertThat(texts("CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1; END")).containsExactly(
                "CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1", "END");
    }

    @Test
    void reportsUnterminatedConstructs() {
        assertThatExceptionOfType(UnterminatedSqlException.class).isThrownBy(() -> reader.read("SELECT $$ a $"))
            .withMessage("Unterminated dollar-quoted string $$ starting at line 1, column 8");
        assertThatExceptionOfType(UnterminatedSqlException.class).isThrownBy(() -> reader.read("SELECT `a"))
            .withMessage("Unterminated quoted identifier ` starting at line 1, column 8");
        assertThatExceptionOfType(UnterminatedSqlException.class).isThrownBy(() -> reader.read("/* /* */ SELECT 1"))
            .withMessage("Unterminated block comment /* starting at line 1, column 1");
    }

    private List<String> texts(String sql) {
        return reader.read(sql).stream().map(SqlStatement::text).toList();
    }
}
