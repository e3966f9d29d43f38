package dev.saferoll.migrations.internal.check;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.internal.check.DataImpacts.Impact;
import dev.saferoll.migrations.internal.check.DataImpacts.Kind;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.sql.StatementReader;

import static org.assertj.core.api.Assertions.assertThat;

/** What the guard reads from SQL text, before it looks at any data. */
class DataImpactsTests {

    @Test
    void dropTableNamesEveryTable() {
        assertThat(describe("DROP TABLE IF EXISTS invoices, billing.\"Refunds\" CASCADE"))
            .containsExactly("DELETES_ROWS invoices", "DELETES_ROWS billing.Refunds");
        assertThat(describe(new Schema(Dialect.POSTGRESQL).dropIfExists("users"))).containsExactly("DELETES_ROWS users");
    }

    @Test
    void dropColumnNamesTheColumnsButNotConstraints() {
        assertThat(describe("ALTER TABLE \"Users\" DROP COLUMN \"Legacy\", DROP CONSTRAINT users_fk, DROP nickname"))
            .containsExactly("DELETES_VALUES Users [Legacy, nickname]");
        assertThat(describe(new Schema(Dialect.POSTGRESQL).table("users",
                (table) -> table.dropColumn("is_admin", "is_moderator"))))
            .containsExactly("DELETES_VALUES users [is_admin, is_moderator]");
        assertThat(describe("ALTER TABLE users DROP CONSTRAINT users_email_key")).isEmpty();
    }

    @Test
    void typeChangesKeepTheirNewTypeAndTellAPlainCastFromAnExpression() {
        assertThat(describe("ALTER TABLE users ALTER COLUMN age TYPE bigint"))
            .containsExactly("CONVERTS_VALUES users [age] bigint");
        assertThat(describe("ALTER TABLE users ALTER age SET DATA TYPE varchar(20) COLLATE \"C\""))
            .containsExactly("CONVERTS_VALUES users [age] varchar(20)");
        assertThat(describe("ALTER TABLE users ALTER COLUMN age TYPE integer USING length(age)"))
            .containsExactly("REWRITES_VALUES users [age] integer");
        assertThat(describe(new Schema(Dialect.POSTGRESQL).table("users", (table) -> table.string("name", 100)
            .change()))).containsExactly("CONVERTS_VALUES users [name] varchar(100)");
        assertThat(describe("ALTER TABLE users ALTER COLUMN age SET DEFAULT 0, ALTER COLUMN age SET NOT NULL"))
            .isEmpty();
    }

    @Test
    void truncateAndDeleteWithoutWhereDeleteEveryRow() {
        assertThat(describe("TRUNCATE ONLY a, b RESTART IDENTITY CASCADE"))
            .containsExactly("DELETES_ROWS a", "DELETES_ROWS b");
        assertThat(describe("delete from public.notes")).containsExactly("DELETES_ROWS public.notes");
        assertThat(describe("DELETE FROM notes WHERE id IN (SELECT id FROM old)")).containsExactly("UNVERIFIED");
        assertThat(describe("DELETE FROM notes n USING old o WHERE n.id = o.id")).containsExactly("UNVERIFIED");
    }

    @Test
    void dropSchemaCountsOnlyWithCascade() {
        assertThat(describe("DROP SCHEMA IF EXISTS archive, staging CASCADE"))
            .containsExactly("DROPS_SCHEMA archive", "DROPS_SCHEMA staging");
        assertThat(describe("DROP SCHEMA archive")).isEmpty();
    }

    @Test
    void everyStatementOfAStringIsClassified() {
        assertThat(describe("CREATE TABLE t (id int);\nINSERT INTO t VALUES (1); DROP TABLE users; UPDATE t SET id = 2"))
            .containsExactly("DELETES_ROWS users", "UNVERIFIED");
    }

    @Test
    void commentsAndStringsAreNotStatements() {
        assertThat(describe("-- DROP TABLE users\nSELECT 'DROP TABLE users', $$TRUNCATE users$$")).isEmpty();
        assertThat(describe("/* DELETE FROM users */ CREATE INDEX users_email ON users (email)")).isEmpty();
    }

    @Test
    void whatTheReaderCannotJudgeIsUnverified() {
        assertThat(describe("DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$")).containsExactly("UNVERIFIED");
        assertThat(describe("UPDATE users SET email = lower(email)")).containsExactly("UNVERIFIED");
        assertThat(describe("DROP TYPE mood CASCADE")).containsExactly("UNVERIFIED");
        assertThat(describe("SELECT 'unterminated")).containsExactly("UNVERIFIED");
        assertThat(describe("DROP TYPE mood; DROP INDEX users_email; DROP VIEW v; DROP MATERIALIZED VIEW m")).isEmpty();
    }

    @Test
    void mysqlModifyAndChangeConvertValues() {
        List<Impact> impacts = DataImpacts.of("ALTER TABLE users MODIFY COLUMN email varchar(10), "
                + "CHANGE `name` full_name text, DROP COLUMN legacy_id, DROP INDEX users_email", StatementReader.mysql());
        assertThat(impacts).extracting((impact) -> impact.kind() + " " + impact.columns())
            .containsExactly("DELETES_VALUES [legacy_id]", "CONVERTS_VALUES [email]", "CONVERTS_VALUES [name]");
    }

    @Test
    void typeChangesThatKeepEveryValue() {
        assertThat(TypeChange.keepsValues("character varying(20)", "varchar(100)")).isTrue();
        assertThat(TypeChange.keepsValues("character varying(20)", "VARCHAR (20)")).isTrue();
        assertThat(TypeChange.keepsValues("character varying(20)", "text")).isTrue();
        assertThat(TypeChange.keepsValues("character varying(20)", "character varying")).isTrue();
        assertThat(TypeChange.keepsValues("text", "varchar")).isTrue();
        assertThat(TypeChange.keepsValues("numeric(10,2)", "decimal(12, 2)")).isTrue();
        assertThat(TypeChange.keepsValues("numeric(10,2)", "numeric")).isTrue();
        assertThat(TypeChange.keepsValues("integer", "int4")).isTrue();
        assertThat(TypeChange.keepsValues("character varying(20)", "varchar(10)")).isFalse();
        assertThat(TypeChange.keepsValues("text", "varchar(10)")).isFalse();
        assertThat(TypeChange.keepsValues("integer", "bigint")).isFalse();
        assertThat(TypeChange.keepsValues("numeric(10,2)", "numeric(12,3)")).isFalse();
        assertThat(TypeChange.keepsValues("timestamp without time zone", "timestamptz")).isFalse();
    }

    private static List<String> describe(Schema schema) {
        return describe(String.join(";\n", schema.toSql()));
    }

    private static List<String> describe(String sql) {
        return DataImpacts.of(sql, StatementReader.postgresql()).stream().map(DataImpactsTests::describe).toList();
    }

    private static String describe(Impact impact) {
        if (impact.kind() == Kind.UNVERIFIED) {
            return "UNVERIFIED";
        }
        String text = impact.kind() + " " + impact.table();
        if (!impact.columns().isEmpty()) {
            text += " " + impact.columns();
        }
        return (impact.newType() != null) ? text + " " + impact.newType() : text;
    }
}
