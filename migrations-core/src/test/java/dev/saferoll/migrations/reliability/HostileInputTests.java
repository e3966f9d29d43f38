package dev.saferoll.migrations.reliability;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.ConstraintName;
import dev.saferoll.migrations.schema.IndexName;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A fixed list of hostile values through every factory that takes a name or version from text. */
class HostileInputTests {

    static final List<String> HOSTILE = Arrays.asList("users; DROP TABLE canary", "canary; --", "a\"b", "a'b",
            "tä", "表", "😀", "x".repeat(64), "y".repeat(200), "", null, " ", "\t", " users", "users ", "-1", "0",
            "99999999999999999999999", "1e9", "a.b.c", "public.users; DROP TABLE canary", "ro\u0000le", "line\nbreak",
            "2024_13_01_000000", "2024_02_30_000000", "2024_01_01_000000; DROP TABLE canary");

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.createDatabase();
        database.execute("CREATE TABLE canary (id bigint)");
    }

    @AfterAll
    static void dropDatabase() {
        try {
            assertThat(database.tableExists("canary")).isTrue();
            assertThat(database.queryForLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).isEqualTo(1);
        }
        finally {
            database.close();
        }
    }

    @TestFactory
    List<DynamicTest> everyHostileValueIsRejectedNamingItBeforeReachingTheDatabase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String value : HOSTILE) {
            tests.add(DynamicTest.dynamicTest("table name " + printable(value), () -> rejected(value,
                    TableName::fromString)));
            tests.add(DynamicTest.dynamicTest("column name " + printable(value), () -> rejected(value,
                    ColumnName::fromString)));
            tests.add(DynamicTest.dynamicTest("index name " + printable(value), () -> rejected(value,
                    IndexName::fromString)));
            tests.add(DynamicTest.dynamicTest("constraint name " + printable(value), () -> rejected(value,
                    ConstraintName::fromString)));
            tests.add(DynamicTest.dynamicTest("history table " + printable(value), () -> rejected(value,
                    (text) -> Migrations.builder().dataSource(database.dataSource()).table(text).build())));
            tests.add(DynamicTest.dynamicTest("schema builder " + printable(value), () -> rejected(value,
                    (text) -> {
                        try (Connection connection = database.dataSource().getConnection()) {
                            new Schema(MigrationConnection.of(connection, Dialect.POSTGRESQL))
                                .create(text, (table) -> table.id())
                                .execute();
                        }
                        catch (java.sql.SQLException ex) {
                            throw new AssertionError(ex);
                        }
                    })));
            if (value == null || !value.matches("\\d{4}_\\d{2}_\\d{2}_\\d{6}")) {
                tests.add(DynamicTest.dynamicTest("version " + printable(value), () -> rejected(value,
                        MigrationVersion::fromTimestamp)));
            }
        }
        tests.add(DynamicTest.dynamicTest("impossible dates", () -> {
            rejected("2024_13_01_000000", MigrationVersion::fromTimestamp);
            rejected("2024_02_30_000000", MigrationVersion::fromTimestamp);
        }));
        return tests;
    }

    private static void rejected(String value, Consumer<String> factory) {
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> factory.accept(value))
            .satisfies((ex) -> {
                assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.INVALID_INPUT);
                if (value == null || value.isEmpty()) {
                    assertThat(ex.getMessage()).containsAnyOf("empty", "null", "''");
                }
                else {
                    String shown = value.replaceAll("\\p{Cntrl}", "?");
                    // A qualified table name is named by the part that is wrong.
                    String part = shown.startsWith("public.") ? shown.substring("public.".length()) : shown;
                    assertThat(ex.getMessage()).as("names the value")
                        .containsAnyOf(shown.substring(0, Math.min(shown.length(), 40)),
                                part.substring(0, Math.min(part.length(), 40)));
                }
            });
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.replaceAll("\\p{Cntrl}", "?");
        return "'" + ((shown.length() > 30) ? shown.substring(0, 30) + "..." : shown) + "'";
    }
}
