package dev.saferoll.migrations.sql;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MySqlStatementReaderTests {

    private final StatementReader reader = StatementReader.mysql();

    @Test
    void readsBacktickIdentifiersWithDoubledBackticks() {
        assertThat(texts("CREATE TABLE `a;``b` (`Id` INT); SELECT 1")).containsExactly(
                "CREATE TABLE `a;``b` (`Id` INT)", "SELECT 1");
        assertThat(tokens("SELECT `a``b`")).containsExactly("WORD SELECT", "QUOTED_IDENTIFIER `a``b` = a`b");
    }

    @Test
    void readsSingleAndDoubleQuotedStringsWithBackslashEscapes() {
        assertThat(texts("INSERT INTO t VALUES ('it\\'s;', \"say \\\"hi\\\";\", 'a''b'); SELECT 'C:\\\\'; SELECT 3"))
            .containsExactly("INSERT INTO t VALUES ('it\\'s;', \"say \\\"hi\\\";\", 'a''b')", "SELECT 'C:\\\\'",
                    "SELECT 3");
        assertThat(tokens("SELECT 'a\\nb\\%', \"x\"\"y\"")).containsExactly("WORD SELECT",
                "STRING 'a\\nb\\%' = a\nb\\%", "PUNCTUATION ,", "STRING \"x\"\"y\" = x\"y");
    }

    @Test
    void readsHashCommentsAndDoubleDashCommentsOnlyWithASpace() {
        assertThat(texts("SELECT 1 # a; b\n; SELECT 2 -- c; d\n; SELECT 3--1; SELECT 4 --\tx;\n")).containsExactly(
                "SELECT 1", "SELECT 2", "SELECT 3--1", "SELECT 4");
        assertThat(tokens("SELECT 3--1")).containsExactly("WORD SELECT", "NUMBER 3", "OPERATOR -",
                "OPERATOR -", "NUMBER 1");
    }

    @Test
    void doesNotNestBlockComments() {
        assertThat(texts("SELECT 1 /* a /* b; */; SELECT 2 */")).containsExactly("SELECT 1", "SELECT 2 */");
    }

    @Test
    void hasNoDollarQuoting() {
        assertThat(texts("SELECT $$a; SELECT b$$")).containsExactly("SELECT $$a", "SELECT b$$");
    }

    @Test
    void readsExecutableCommentsAsSqlAndKeepsTheirMarkersInTheText() {
        String script = "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE */;\n"
                + "CREATE TABLE t (a INT) /*!50100 PARTITION BY HASH (a) */;\n/* a plain comment */;\n"
                + "/*M!100100 SET x = 1 */;";
        List<SqlStatement> statements = reader.read(script);
        assertThat(statements).extracting(SqlStatement::text).containsExactly(
                "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE */", "CREATE TABLE t (a INT) /*!50100 PARTITION BY HASH (a) */",
                "/*M!100100 SET x = 1 */");
        assertThat(statements.get(1).containsTopLevel("partition", "by", "hash")).isTrue();
        assertThat(statements.get(0).startsWith("set", "@")).isTrue();
    }

    @Test
    void readsNamesThatStartWithDigitsAndKeepsTheirCase() {
        assertThat(tokens("SELECT 1st, 1e5, 0x1F, 12 FROM Db.Users")).containsExactly("WORD SELECT",
                "WORD 1st", "PUNCTUATION ,", "NUMBER 1e5", "PUNCTUATION ,", "NUMBER 0x1F", "PUNCTUATION ,",
                "NUMBER 12", "WORD FROM", "WORD Db", "PUNCTUATION .", "WORD Users");
        assertThat(reader.read("SELECT * FROM Db.`Users`").get(0).nameAt(3)).isEqualTo(new SqlName("Db", "Users"));
    }

    @Test
    void readsQuestionMarksAsParameters() {
        assertThat(tokens("SELECT ? <=> ?")).containsExactly("WORD SELECT", "PARAMETER ?", "OPERATOR <=>",
                "PARAMETER ?");
    }

    @Test
    void reportsUnterminatedConstructs() {
        assertThatExceptionOfType(UnterminatedSqlException.class).isThrownBy(() -> reader.read("SELECT 'a\\'"))
            .withMessage("Unterminated quoted string starting at line 1, column 8");
        assertThatExceptionOfType(UnterminatedSqlException.class).isThrownBy(() -> reader.read("SELECT \"a"))
            .withMessage("Unterminated double-quoted string starting at line 1, column 8");
        assertThatExceptionOfType(UnterminatedSqlException.class).isThrownBy(() -> reader.read("/*!40101 SET a=1"))
            .withMessage("Unterminated executable comment /*! starting at line 1, column 1");
    }

    private List<String> texts(String sql) {
        return reader.read(sql).stream().map(SqlStatement::text).toList();
    }

    private List<String> tokens(String sql) {
        return PostgresStatementReaderTests.describe(reader.read(sql));
    }
}
