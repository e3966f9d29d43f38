package dev.saferoll.migrations.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader against PostgreSQL itself. A generated script of self-recording statements runs twice: once whole, as
 * one simple-protocol query that the server splits (each row records {@code current_query()}, which proves the
 * server got the whole script in one message), and once as the reader's statements, one query each. For each of the
 * reader's statements the server first confirms it is exactly one statement (PL/pgSQL refuses to open a cursor on a
 * "multi-query plan"). Both runs must record the same rows in the same order.
 */
class PostgresServerSplitPropertyTests {

    private static final String CHECK_FUNCTION = """
            CREATE FUNCTION public.statement_check(q text) RETURNS text LANGUAGE plpgsql AS $f$
            DECLARE c refcursor;
            BEGIN
                BEGIN
                    OPEN c FOR EXECUTE q;
                    RAISE EXCEPTION 'opened';
                EXCEPTION WHEN others THEN
                    RETURN SQLERRM;
                END;
            END $f$""";

    /** Pieces of text that matter to a lexer: quotes, dollars, comment starts, semicolons, escapes, line breaks. */
    private static final List<String> ATOMS = List.of("a", "Z", " ", ";", ";;", "'", "\"", "$", "$$", "$a$", "$1",
            "--", "/*", "*/", "\\", "\n", "\r\n", "\t", "?", "é", "\uD83D\uDE00", "#", "`", "E'", "U&", "BEGIN",
            "END", "CASE", "x$", "{fn now()}", "$tag", "ag$");

    /** Pieces that are valid inside {@code E'...'}, with backslash escapes. */
    private static final List<String> ESCAPE_ATOMS = List.of("a", " ", ";", "\\'", "''", "\\\\", "\\n", "\\t", "\\;",
            "$", "$$", "--", "/*", "*/", "\"", "\\\"", "\\x41", "\\101", "\\u00e9", "é", "?", "\n", "E\\'");

    /** Pieces that are valid inside {@code U&'...'}, where a backslash starts a Unicode escape. */
    private static final List<String> UNICODE_ATOMS = List.of("a", " ", ";", "''", "\\\\", "\\0041", "\\+01F600",
            "$", "$$", "--", "/*", "\"", "é", "\n");

    private static final List<String> TAGS = List.of("", "a", "tag", "_x1", "T", "é", "ag");

    private static final String JSON = "'{\"a\": 1}'::jsonb";

    private static TestDatabase database;

    private static Connection simple;

    private static Connection extended;

    @BeforeContainer
    static void createDatabase() throws SQLException {
        database = TestPostgres.createDatabase();
        database.execute(CHECK_FUNCTION);
        simple = SimpleQueryProtocol.connect(database);
        extended = database.dataSource().getConnection();
    }

    @AfterContainer
    static void dropDatabase() throws SQLException {
        simple.close();
        extended.close();
        database.close();
    }

    @Property(tries = 150)
    void splitsExactlyWhereTheServerSplits(@ForAll("scripts") Script script) throws SQLException {
        List<Row> byServer = runWholeScript(script.text());
        assertThat(byServer).extracting(Row::query).containsOnly(script.text());

        List<SqlStatement> statements = StatementReader.postgresql().read(script.text());
        assertThat(statements).hasSize(script.statements());
        List<Row> byReader = runOneByOne(statements);

        assertThat(byReader).extracting(Row::payload).containsExactlyElementsOf(
                byServer.stream().map(Row::payload).toList());
    }

    private List<Row> runWholeScript(String script) throws SQLException {
        reset("whole");
        try (Statement statement = SimpleQueryProtocol.statement(simple)) {
            statement.execute(script);
        }
        return rows("whole", 0);
    }

    private List<Row> runOneByOne(List<SqlStatement> statements) throws SQLException {
        reset("split");
        List<Row> rows = new ArrayList<>();
        for (SqlStatement sql : statements) {
            assertThat(serverCheck(sql.text())).as("server's view of %s", sql.text())
                .matches("opened|cannot open (?!multi-query).* as cursor");
            try (Statement statement = SimpleQueryProtocol.statement(simple)) {
                statement.execute(sql.text());
            }
            List<Row> recorded = rows("split", rows.size());
            assertThat(recorded).allSatisfy((row) -> assertThat(row.query()).isEqualTo(sql.text()));
            rows.addAll(recorded);
        }
        return rows;
    }

    private String serverCheck(String sql) throws SQLException {
        try (PreparedStatement check = extended.prepareStatement("SELECT public.statement_check(?)")) {
            check.setString(1, sql);
            try (ResultSet result = check.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static void reset(String schema) throws SQLException {
        String setup = "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema + "; CREATE TABLE "
                + schema + ".log (id bigint GENERATED ALWAYS AS IDENTITY, payload text, "
                + "query text DEFAULT current_query()); SET search_path = " + schema + ", public";
        try (Statement statement = simple.createStatement()) {
            statement.execute(setup);
        }
        try (Statement statement = extended.createStatement()) {
            statement.execute("SET search_path = " + schema + ", public");
        }
    }

    private static List<Row> rows(String schema, int skip) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement statement = extended.createStatement();
                ResultSet result = statement.executeQuery("SELECT payload, query FROM " + schema + ".log ORDER BY id "
                        + "OFFSET " + skip)) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getString(2)));
            }
        }
        return rows;
    }

    record Row(String payload, String query) {
    }

    /** A generated script and how many statements it was built from. */
    record Script(String text, int statements) {

        @Override
        public String toString() {
            return this.statements + " statements:\n" + this.text;
        }
    }

    // ---- generators

    @Provide
    Arbitrary<Script> scripts() {
        Arbitrary<List<List<String>>> pieces = piece().list().ofMinSize(1).ofMaxSize(7);
        Arbitrary<List<String>> separators = separator().list().ofSize(8);
        return Combinators.combine(gap(), pieces, separators, ending()).as((leading, groups, between, ending) -> {
            List<String> statements = new ArrayList<>();
            for (int n = 0; n < groups.size(); n++) {
                for (String statement : groups.get(n)) {
                    statements.add(statement.replace("@N@", Integer.toString(n)));
                }
            }
            StringBuilder text = new StringBuilder(leading);
            for (int i = 0; i < statements.size(); i++) {
                text.append(statements.get(i));
                text.append((i < statements.size() - 1) ? between.get(i % between.size()) : ending);
            }
            return new Script(text.toString(), statements.size());
        });
    }

    /** One statement, or a procedure or function definition followed by the statement that calls it. */
    private Arbitrary<List<String>> piece() {
        Arbitrary<List<String>> insert = Combinators.combine(gap(), gap(), gap(), literal(), alias())
            .as((g1, g2, g3, literal, alias) -> List.of("INSERT" + g1 + "INTO log(payload)" + g2 + "SELECT" + g3
                    + literal + alias));
        Arbitrary<List<String>> values = Combinators.combine(gap(), literal(), gap(), literal())
            .as((g1, first, g2, second) -> List.of("INSERT INTO log(payload) VALUES (" + g1 + first + g2 + "), ("
                    + second + ")"));
        Arbitrary<List<String>> jsonb = literal().map((literal) -> List.of("INSERT INTO log(payload) SELECT "
                + literal + " WHERE " + JSON + " ? 'a' AND " + JSON + " ?| array['a'] AND " + JSON
                + " ?& array['a'] AND " + JSON + " @? '$.a'"));
        Arbitrary<List<String>> operators = Combinators.combine(blockComment(2), lineComment())
            .as((block, line) -> List.of("INSERT INTO log(payload) VALUES ((2*" + block + "3)::text || (4+" + line
                    + "5)::text || (1.5e3 + .5 + 2.5E-3)::text || B'0101'::text || X'1F'::text)"));
        Arbitrary<List<String>> doBlock = Combinators.combine(Arbitraries.of(TAGS), gap(), literal())
            .as((tag, gap, literal) -> new Dollar(tag, "BEGIN" + gap + "INSERT INTO log(payload) VALUES (" + literal
                    + "); END "))
            .filter((block) -> !block.body().contains(block.delimiter()))
            .map((block) -> List.of("DO " + block.delimiter() + " " + block.body() + block.delimiter()));
        Arbitrary<List<String>> procedure = Combinators.combine(Arbitraries.of("CREATE", "CREATE OR REPLACE",
                "create or replace"), gap(), literal(), literal(), Arbitraries.of(true, false))
            .as((create, gap, first, second, lower) -> {
                String body = "BEGIN ATOMIC INSERT INTO log(payload) VALUES (" + first + ");" + gap
                        + "INSERT INTO log(payload) SELECT CASE WHEN true THEN " + second
                        + " ELSE 'x' END AS begin; END";
                return List.of(create + " PROCEDURE p@N@() LANGUAGE sql " + (lower ? body.replace("BEGIN ATOMIC",
                        "begin atomic").replace("CASE", "case").replace("END", "end") : body), "CALL p@N@()");
            });
        Arbitrary<List<String>> function = Combinators.combine(gap(), literal())
            .as((gap, literal) -> List.of("CREATE FUNCTION f@N@() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT"
                    + gap + literal + "; END", "INSERT INTO log(payload) SELECT f@N@()"));
        return Arbitraries.frequencyOf(Tuple.of(6, insert), Tuple.of(2, values),
                Tuple.of(1, jsonb), Tuple.of(1, operators),
                Tuple.of(2, doBlock), Tuple.of(2, procedure),
                Tuple.of(1, function));
    }

    /** A string literal in any of PostgreSQL's forms. */
    private Arbitrary<String> literal() {
        Arbitrary<String> standard = text(ATOMS, 8).map(PostgresServerSplitPropertyTests::quote);
        Arbitrary<String> escape = text(ESCAPE_ATOMS, 8).map((content) -> "E'" + content + "'");
        Arbitrary<String> lowerEscape = text(ESCAPE_ATOMS, 4).map((content) -> "e'" + content + "'");
        Arbitrary<String> continued = Combinators.combine(text(ATOMS, 4), continuationGap(), text(ATOMS, 4))
            .as((first, gap, second) -> quote(first) + gap + quote(second));
        Arbitrary<String> continuedEscape = Combinators.combine(text(ESCAPE_ATOMS, 4), continuationGap(),
                text(ESCAPE_ATOMS, 4)).as((first, gap, second) -> "E'" + first + "'" + gap + "'" + second + "'");
        Arbitrary<String> unicode = text(UNICODE_ATOMS, 6).map((content) -> "U&'" + content + "'");
        Arbitrary<String> dollar = Combinators.combine(Arbitraries.of(TAGS), text(withTags(ATOMS), 8))
            .as(Dollar::new)
            .filter((quoted) -> (quoted.body() + quoted.delimiter()).indexOf(quoted.delimiter()) == quoted.body()
                .length())
            .map((quoted) -> quoted.delimiter() + quoted.body() + quoted.delimiter());
        return Arbitraries.oneOf(standard, escape, lowerEscape, continued, continuedEscape, unicode, dollar);
    }

    /** Nothing, a plain alias with dollar signs, or a quoted identifier. */
    private Arbitrary<String> alias() {
        Arbitrary<String> quoted = text(ATOMS, 5).filter((content) -> !content.isEmpty())
            .map((content) -> " AS \"" + content.replace("\"", "\"\"") + "\"");
        Arbitrary<String> unicode = text(UNICODE_ATOMS, 4).filter((content) -> !content.isEmpty())
            .map((content) -> " AS U&\"" + content.replace("\"", "\"\"") + "\"");
        return Arbitraries.oneOf(Arbitraries.of("", " AS x$$", " AS a$b$", " é$", " AS \"a;\"\"b\"", " AS begin"),
                quoted, unicode);
    }

    /** What may stand between two tokens: whitespace or comments, never nothing. */
    private Arbitrary<String> gap() {
        return Arbitraries.oneOf(Arbitraries.of(" ", "\n", "\t "), lineComment(), blockComment(2),
                blockComment(2).map((comment) -> " " + comment + "\n"));
    }

    private Arbitrary<String> separator() {
        Arbitrary<String> extra = Arbitraries.oneOf(Arbitraries.of(" ", "\n", ";", ";\n"), lineComment(),
                blockComment(1));
        return extra.list().ofMaxSize(3).map((parts) -> ";" + String.join("", parts));
    }

    private Arbitrary<String> ending() {
        return Arbitraries.oneOf(Arbitraries.of("", ";", ";\n", " -- the end; really", "\n/* done; */"),
                lineComment().map((comment) -> ";" + comment));
    }

    /** A newline, possibly with comments around it: what continues a string in PostgreSQL. */
    private Arbitrary<String> continuationGap() {
        return Arbitraries.of("\n", " \n  ", "\t-- more; 'text\n", "\n-- between\n\n", "\r\n");
    }

    private Arbitrary<String> lineComment() {
        List<String> atoms = ATOMS.stream().filter((atom) -> !atom.contains("\n") && !atom.contains("\r")).toList();
        return text(atoms, 6).map((content) -> "--" + content + "\n");
    }

    /** A block comment nested up to {@code depth} levels; its text avoids stray star-slash pairs. */
    private Arbitrary<String> blockComment(int depth) {
        List<String> atoms = ATOMS.stream().filter((atom) -> !atom.contains("*") && !atom.contains("/")).toList();
        // "/*/" needs a space after it: "/*/*/" would open a nested comment.
        Arbitrary<String> flat = Combinators.combine(Arbitraries.of("/*", "/*/ ", "/**"), text(atoms, 5))
            .as((open, content) -> open + (open.equals("/**") ? "" : content) + "*/");
        if (depth <= 1) {
            return flat;
        }
        return Arbitraries.oneOf(flat, Combinators.combine(text(atoms, 3), blockComment(depth - 1), text(atoms, 3))
            .as((before, inner, after) -> "/*" + before + inner + after + "*/"));
    }

    private static Arbitrary<String> text(List<String> atoms, int maxAtoms) {
        return Arbitraries.of(atoms).list().ofMaxSize(maxAtoms).map((parts) -> String.join("", parts));
    }

    private static List<String> withTags(List<String> atoms) {
        List<String> all = new ArrayList<>(atoms);
        all.addAll(TAGS.stream().map((tag) -> "$" + tag + "$").collect(Collectors.toList()));
        all.addAll(List.of("$t", "T$", "$é"));
        return all;
    }

    private static String quote(String content) {
        return "'" + content.replace("'", "''") + "'";
    }

    /** A dollar quote's tag and body. */
    private record Dollar(String tag, String body) {

        String delimiter() {
            return "$" + this.tag + "$";
        }
    }
}
