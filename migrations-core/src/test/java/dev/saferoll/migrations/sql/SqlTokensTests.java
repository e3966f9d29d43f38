package dev.saferoll.migrations.sql;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The questions a lint and a data-loss guard ask of a statement, answered with the token helpers. The small readers
 * at the bottom are what such rules would look like.
 */
class SqlTokensTests {

    @Test
    void startsWithMatchesKeywordsIgnoringCaseAndSkipsNothing() {
        SqlStatement statement = statement("Create Unique INDEX idx ON t (a)");
        assertThat(statement.startsWith("create", "unique", "index")).isTrue();
        assertThat(statement.startsWith("create", "index")).isFalse();
        assertThat(statement("CREATE /* unique */ INDEX i ON t (a)").startsWith("create", "index")).isTrue();
        assertThat(statement("\"create\" index").startsWith("create")).isFalse();
        assertThat(statement("SELECT 'create'").matchesAt(1, "create")).isFalse();
    }

    @Test
    void findsWordsAtTopLevelOrAnywhere() {
        SqlStatement statement = statement("UPDATE t SET a = (SELECT b FROM u WHERE u.id = t.id)");
        assertThat(statement.contains("where")).isTrue();
        assertThat(statement.containsTopLevel("where")).isFalse();
        assertThat(statement.indexOf("where")).isEqualTo(10);
        assertThat(statement.indexOfTopLevel("where")).isEqualTo(-1);
        assertThat(statement.indexOfTopLevel("set", "a")).isEqualTo(2);
        assertThat(statement("SELECT a[1] FROM t WHERE x").indexOfTopLevel("where")).isEqualTo(7);
        assertThatIllegalArgumentException().isThrownBy(statement::indexOf);
    }

    @Test
    void recognisesACreateIndexAndItsTable() {
        assertThat(createIndex("CREATE INDEX idx_users_email ON users (email)"))
            .isEqualTo(new CreateIndex(false, SqlName.of("users")));
        assertThat(createIndex("create unique index concurrently if not exists \"Idx\" on only app.\"Users\" "
                + "using btree (lower(email)) where deleted_at is null"))
            .isEqualTo(new CreateIndex(true, new SqlName("app", "Users")));
        assertThat(createIndex("CREATE INDEX ON Events ((data->>'on'))"))
            .isEqualTo(new CreateIndex(false, SqlName.of("events")));
        assertThat(createIndex("CREATE TABLE t (a int)")).isNull();
    }

    @Test
    void splitsTheActionsOfAnAlterTableAtTopLevelCommas() {
        SqlStatement statement = statement("ALTER TABLE IF EXISTS ONLY public.orders "
                + "ADD COLUMN total numeric(10, 2) NOT NULL DEFAULT 0, "
                + "ALTER COLUMN tags SET DEFAULT ARRAY['a', 'b'], DROP COLUMN IF EXISTS \"Legacy\" CASCADE");
        SqlCursor cursor = statement.cursor();
        assertThat(cursor.accept("alter", "table")).isTrue();
        cursor.accept("if", "exists");
        cursor.accept("only");
        assertThat(cursor.name()).isEqualTo(new SqlName("public", "orders"));
        List<SqlFragment> actions = cursor.rest().splitTopLevel(",");
        assertThat(actions).extracting(SqlFragment::text).containsExactly(
                "ADD COLUMN total numeric(10, 2) NOT NULL DEFAULT 0", "ALTER COLUMN tags SET DEFAULT ARRAY['a', 'b']",
                "DROP COLUMN IF EXISTS \"Legacy\" CASCADE");
        SqlFragment add = actions.get(0);
        assertThat(add.startsWith("add", "column")).isTrue();
        assertThat(add.nameAt(2)).isEqualTo(SqlName.of("total"));
        assertThat(add.containsTopLevel("not", "null")).isTrue();
        assertThat(add.containsTopLevel("default")).isTrue();
        SqlCursor drop = actions.get(2).cursor();
        assertThat(drop.accept("drop") && drop.accept("column")).isTrue();
        drop.accept("if", "exists");
        assertThat(drop.name()).isEqualTo(SqlName.of("Legacy"));
    }

    @Test
    void listsTheTablesOfADropTable() {
        assertThat(droppedTables("DROP TABLE a, \"B\", s.c CASCADE")).containsExactly(SqlName.of("a"),
                SqlName.of("B"), new SqlName("s", "c"));
        assertThat(droppedTables("drop table if exists logs")).containsExactly(SqlName.of("logs"));
        assertThat(droppedTables("DROP INDEX a")).isEmpty();
    }

    @Test
    void tellsADeleteOrUpdateWithoutATopLevelWhere() {
        assertThat(touchesEveryRow("DELETE FROM t")).isTrue();
        assertThat(touchesEveryRow("delete from t where id = 1")).isFalse();
        assertThat(touchesEveryRow("DELETE FROM t USING u WHERE t.id = u.id")).isFalse();
        assertThat(touchesEveryRow("UPDATE t SET a = (SELECT max(b) FROM u WHERE u.t = 1)")).isTrue();
        assertThat(touchesEveryRow("UPDATE t SET a = 1 WHERE b = 2")).isFalse();
        assertThat(touchesEveryRow("UPDATE t SET note = 'where'")).isTrue();
        assertThat(touchesEveryRow("TRUNCATE TABLE ONLY a, b RESTART IDENTITY")).isTrue();
        assertThat(touchesEveryRow("SELECT 1")).isFalse();
    }

    @Test
    void readsTheTablesOfATruncate() {
        SqlCursor cursor = statement("TRUNCATE TABLE ONLY a, public.b * RESTART IDENTITY").cursor();
        assertThat(cursor.accept("truncate")).isTrue();
        cursor.accept("table");
        List<SqlName> tables = cursor.rest().splitTopLevel(",").stream().map((part) -> {
            SqlCursor table = part.cursor();
            table.accept("only");
            return table.name();
        }).toList();
        assertThat(tables).containsExactly(SqlName.of("a"), new SqlName("public", "b"));
    }

    @Test
    void iteratesTopLevelParenthesisedGroups() {
        SqlStatement statement = statement("CREATE TABLE t (a int CHECK (a > 0), b text) PARTITION BY RANGE (a)");
        assertThat(statement.groups()).extracting(SqlFragment::text).containsExactly("a int CHECK (a > 0), b text",
                "a");
        List<SqlFragment> columns = statement.groups().get(0).splitTopLevel(",");
        assertThat(columns).extracting((column) -> column.nameAt(0)).containsExactly(SqlName.of("a"),
                SqlName.of("b"));
        assertThat(statement("SELECT f(").groups()).extracting(SqlFragment::text).containsExactly("");
    }

    @Test
    void readsNamesOfOneTwoAndThreeParts() {
        SqlStatement statement = statement("SELECT a, s.b, db.s.c, \"Q\".\"R\", 1");
        assertThat(statement.nameAt(1)).isEqualTo(SqlName.of("a"));
        assertThat(statement.nameAt(3)).isEqualTo(new SqlName("s", "b"));
        assertThat(statement.nameAt(7)).isEqualTo(new SqlName("s", "c"));
        assertThat(statement.nameAt(13)).isEqualTo(new SqlName("Q", "R"));
        assertThat(statement.nameAt(17)).isNull();
        assertThat(statement.nameAt(99)).isNull();
        assertThat(new SqlName("s", "t")).hasToString("s.t");
    }

    @Test
    void movesTheCursorOnlyWhenItMatches() {
        SqlCursor cursor = statement("CREATE INDEX i ON t (a) WHERE (b ON c)").cursor();
        assertThat(cursor.accept("create", "table")).isFalse();
        assertThat(cursor.position()).isZero();
        assertThat(cursor.lookingAt("create", "index")).isTrue();
        assertThat(cursor.skipPast("where")).isTrue();
        assertThat(cursor.skipPast("on")).isFalse();
        assertThat(cursor.group()).hasToString("b ON c");
        assertThat(cursor.atEnd()).isTrue();
        assertThat(cursor.next()).isNull();
        assertThat(cursor.rest().tokens()).isEmpty();
    }

    @Test
    void keepsTheExactTextOfFragmentsAcrossCommentsAndLines() {
        SqlStatement statement = statement("ALTER TABLE t\n  ADD a int /* first */,\n  -- second\n  ADD b int");
        assertThat(statement.from(3).splitTopLevel(",")).extracting(SqlFragment::text, SqlFragment::offset)
            .containsExactly(tuple("ADD a int", 16),
                    tuple("ADD b int", 53));
        assertThat(statement.slice(2, 2).text()).isEmpty();
    }

    private static @Nullable CreateIndex createIndex(String sql) {
        SqlCursor cursor = statement(sql).cursor();
        if (!cursor.accept("create")) {
            return null;
        }
        cursor.accept("unique");
        if (!cursor.accept("index")) {
            return null;
        }
        boolean concurrently = cursor.accept("concurrently");
        cursor.skipPast("on");
        cursor.accept("only");
        return new CreateIndex(concurrently, cursor.name());
    }

    private static List<SqlName> droppedTables(String sql) {
        SqlCursor cursor = statement(sql).cursor();
        if (!cursor.accept("drop", "table")) {
            return List.of();
        }
        cursor.accept("if", "exists");
        return cursor.rest().splitTopLevel(",").stream().map((part) -> part.nameAt(0)).toList();
    }

    private static boolean touchesEveryRow(String sql) {
        SqlStatement statement = statement(sql);
        if (statement.startsWith("delete") || statement.startsWith("update")) {
            return !statement.containsTopLevel("where");
        }
        return statement.startsWith("truncate");
    }

    private static SqlStatement statement(String sql) {
        List<SqlStatement> statements = StatementReader.postgresql().read(sql);
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    private record CreateIndex(boolean concurrently, @Nullable SqlName table) {
    }
}
