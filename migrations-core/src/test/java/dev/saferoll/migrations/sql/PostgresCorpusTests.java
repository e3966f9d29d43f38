package dev.saferoll.migrations.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.testing.SchemaSnapshot;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-world PostgreSQL migration statements: split from one script, then run on a real server both as the reader
 * splits them and as one query the server splits itself.
 */
class PostgresCorpusTests {

    /** Statements that cannot run inside a transaction block, so not in a multi-statement query; they come last. */
    private static final List<String> OUTSIDE_TRANSACTION = List.of(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_issued_on_idx ON invoices (issued_on)",
            "DROP INDEX CONCURRENTLY IF EXISTS invoices_issued_on_idx",
            "VACUUM (ANALYZE) users");

    private static final List<String> CORPUS = List.of(
            "CREATE SCHEMA IF NOT EXISTS app",
            "CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'it''s; complicated')",
            """
            CREATE TABLE users (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text NOT NULL,
                "displayName" varchar(100),
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT users_email_check CHECK (email LIKE '%@%' AND email <> ';')
            )""",
            "CREATE UNIQUE INDEX users_email_key ON users (lower(email))",
            "COMMENT ON TABLE users IS 'People; who sign in. Don''t drop!'",
            "COMMENT ON COLUMN users.\"displayName\" IS E'Shown in the UI;\\nmay contain \\'quotes\\''",
            """
            CREATE TABLE app."Order Items" (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                status order_status NOT NULL DEFAULT 'new',
                sku text NOT NULL, -- stock keeping unit; never reused
                amount numeric(12, 2) NOT NULL CHECK (amount >= 0),
                metadata jsonb NOT NULL DEFAULT '{}'::jsonb
            )""",
            "CREATE INDEX order_items_metadata_idx ON app.\"Order Items\" USING gin (metadata jsonb_path_ops)",
            "ALTER TABLE users ADD COLUMN deleted_at timestamptz, ADD COLUMN updated_at timestamptz, "
                    + "ADD COLUMN settings jsonb NOT NULL DEFAULT '{\"theme\": \"dark; light\"}'",
            "ALTER TABLE users ALTER COLUMN \"displayName\" TYPE text, ALTER COLUMN \"displayName\" SET DEFAULT ''",
            """
            CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.updated_at := now(); -- keep; in sync
                RETURN NEW;
            END;
            $$""",
            "CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
            """
            DO $migration$
            DECLARE
                r record;
            BEGIN
                FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'app' LOOP
                    EXECUTE format('COMMENT ON TABLE app.%I IS %L', r.tablename, 'owned by app; do not edit');
                END LOOP;
            END
            $migration$""",
            """
            CREATE FUNCTION app.make_view() RETURNS void LANGUAGE plpgsql AS $outer$
            BEGIN
                EXECUTE $inner$CREATE OR REPLACE VIEW app.active_users AS
                    SELECT id, email FROM public.users WHERE deleted_at IS NULL /* not deleted; */$inner$;
            END;
            $outer$""",
            "SELECT app.make_view()",
            """
            CREATE FUNCTION app.order_total(p_user bigint) RETURNS numeric
            LANGUAGE sql STABLE
            BEGIN ATOMIC
                SELECT coalesce(sum(amount), 0) FROM app."Order Items" WHERE user_id = p_user;
            END""",
            """
            CREATE OR REPLACE PROCEDURE app.archive_user(p_id bigint)
            LANGUAGE sql
            BEGIN ATOMIC
                UPDATE users SET deleted_at = CASE WHEN deleted_at IS NULL THEN now() ELSE deleted_at END
                    WHERE id = p_id;
                DELETE FROM app."Order Items" WHERE user_id = p_id AND status = 'new';
            END""",
            "INSERT INTO users (email, \"displayName\") VALUES ('ann@example.com', 'Ann; the first'), "
                    + "('bob@example.com', E'Bob \\'the builder\\'')",
            "INSERT INTO app.\"Order Items\" (user_id, sku, amount, metadata) "
                    + "SELECT id, 'SKU-' || id, 9.99, '{\"gift\": true, \"note\": \"a;b\"}' FROM users",
            "UPDATE app.\"Order Items\" SET status = 'paid' "
                    + "WHERE metadata ? 'gift' AND metadata ?| ARRAY['note', 'x'] AND NOT metadata @? '$.refund'",
            "CALL app.archive_user(2)",
            "CREATE VIEW user_totals AS SELECT u.id, u.email, app.order_total(u.id) AS total FROM users u",
            "CREATE TABLE \"weird;\"\"name\" (\"col;1\" int, \"Col\"\"2\" text)",
            "ALTER TABLE \"weird;\"\"name\" RENAME COLUMN \"col;1\" TO col_one",
            "ALTER TABLE users /* reason /* nested; */ here; */ ADD COLUMN locale text DEFAULT 'en'",
            "CREATE SEQUENCE invoice_number_seq START WITH 1000 INCREMENT BY 1",
            "CREATE TABLE invoices (number bigint PRIMARY KEY DEFAULT nextval('invoice_number_seq'), "
                    + "issued_on date NOT NULL, note text DEFAULT $$ -- not a comment; $$)",
            "ALTER SEQUENCE invoice_number_seq OWNED BY invoices.number",
            "CREATE TABLE events (id bigint, occurred_at timestamptz NOT NULL, payload jsonb) "
                    + "PARTITION BY RANGE (occurred_at)",
            "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "ALTER TABLE app.\"Order Items\" ADD CONSTRAINT order_items_sku_check CHECK (sku ~ '^SKU-[0-9]+$') "
                    + "NOT VALID",
            "ALTER TABLE app.\"Order Items\" VALIDATE CONSTRAINT order_items_sku_check",
            "CREATE MATERIALIZED VIEW app.sku_counts AS SELECT sku, count(*) AS n FROM app.\"Order Items\" "
                    + "GROUP BY sku WITH DATA",
            "GRANT SELECT ON ALL TABLES IN SCHEMA app TO PUBLIC",
            "SET lock_timeout = '5s'",
            "UPDATE users SET email = lower(email) WHERE email <> lower(email)",
            "DELETE FROM users WHERE email LIKE '%;%'",
            "CREATE FUNCTION app.slug(t text) RETURNS text LANGUAGE sql IMMUTABLE "
                    + "RETURN lower(regexp_replace(t, '[^a-z0-9]+', '-', 'gi'))",
            "CREATE FUNCTION app.add(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2;'",
            "INSERT INTO invoices (issued_on, note) VALUES (current_date, E'path C:\\\\temp\\\\; done \\'ok\\'')",
            "INSERT INTO invoices (issued_on, note) VALUES (current_date, U&'caf\\00e9; cr\\00e8me')",
            "INSERT INTO invoices (issued_on, note) VALUES (current_date, 'first line; '\n    'second line')",
            "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid'",
            "CREATE DOMAIN email_address AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$')",
            "ALTER TABLE app.\"Order Items\" ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY own_rows ON app.\"Order Items\" "
                    + "USING (user_id = current_setting('app.user_id', true)::bigint)",
            """
            DO $$
            BEGIN
                ALTER TABLE users ADD COLUMN phone text;
            EXCEPTION
                WHEN duplicate_column THEN RAISE NOTICE 'column phone already exists; skipping';
            END
            $$""",
            "COMMENT ON FUNCTION app.slug(text) IS $c$Turns 'A b; C' into a-b-c$c$",
            "TRUNCATE TABLE events RESTART IDENTITY",
            "DROP TABLE IF EXISTS \"weird;\"\"name\", events_2024 CASCADE");

    private static final List<String> SEPARATORS = List.of(";\n\n", ";\n-- next: a comment; with semicolons\n",
            "; /* block; /* nested; */ comment */\n", ";;\n", "\n;\n", ";--\n", ";\t");

    @Test
    void corpusHasAtLeastFortyStatements() {
        assertThat(CORPUS.size() + OUTSIDE_TRANSACTION.size()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void splitsTheCorpusIntoExactlyItsStatements() {
        List<String> all = new ArrayList<>(CORPUS);
        all.addAll(OUTSIDE_TRANSACTION);
        assertThat(texts(script(all))).containsExactlyElementsOf(all);
    }

    @Test
    void runsLikeTheServerRunsTheWholeScript() throws SQLException {
        String script = script(CORPUS);
        try (TestDatabase server = TestPostgres.createDatabase(); TestDatabase split = TestPostgres.createDatabase()) {
            try (Connection connection = SimpleQueryProtocol.connect(server);
                    Statement statement = SimpleQueryProtocol.statement(connection)) {
                statement.execute(script);
            }
            List<SqlStatement> statements = StatementReader.postgresql().read(script);
            try (Connection connection = SimpleQueryProtocol.connect(split);
                    Statement statement = SimpleQueryProtocol.statement(connection)) {
                for (SqlStatement sql : statements) {
                    statement.execute(sql.text());
                }
            }
            assertThat(snapshot(split)).isEqualTo(snapshot(server)).contains("bob@example.com Bob 'the builder' false",
                    "first line; second line", "path C:\\temp\\; done 'ok'", "café; crème");
            try (Connection connection = SimpleQueryProtocol.connect(split);
                    Statement statement = SimpleQueryProtocol.statement(connection)) {
                for (SqlStatement sql : StatementReader.postgresql().read(script(OUTSIDE_TRANSACTION))) {
                    statement.execute(sql.text());
                }
            }
        }
    }

    /** The statements joined with every kind of separator, the last without a semicolon. */
    private static String script(List<String> statements) {
        StringBuilder script = new StringBuilder("-- migration: corpus; generated\n");
        for (int i = 0; i < statements.size(); i++) {
            script.append(statements.get(i));
            if (i < statements.size() - 1) {
                script.append(SEPARATORS.get(i % SEPARATORS.size()));
            }
        }
        return script.toString();
    }

    private static List<String> texts(String script) {
        return StatementReader.postgresql().read(script).stream().map(SqlStatement::text).toList();
    }

    private static List<String> snapshot(TestDatabase database) {
        List<String> lines = new ArrayList<>(SchemaSnapshot.of(database).lines());
        lines.addAll(database.queryForStrings("SELECT table_schema || '.' || table_name || '.' || column_name || ' ' "
                + "|| data_type FROM information_schema.columns WHERE table_schema = 'app' ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT n.nspname || '.' || p.proname || '(' "
                + "|| pg_get_function_identity_arguments(p.oid) || ') ' || md5(pg_get_functiondef(p.oid)) "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname IN ('public', 'app') ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT c.relkind::text || ' ' || n.nspname || '.' || c.relname || ' ' "
                + "|| coalesce(obj_description(c.oid, 'pg_class'), '') FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'app') ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT coalesce(col_description('users'::regclass, 3), '')"));
        lines.addAll(database.queryForStrings("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT polname FROM pg_policy ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT enumlabel FROM pg_enum ORDER BY enumsortorder"));
        lines.addAll(database.queryForStrings("SELECT email || ' ' || coalesce(\"displayName\", '') || ' ' "
                + "|| (deleted_at IS NULL) FROM users ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT sku || ' ' || status || ' ' || amount FROM app.\"Order Items\" "
                + "ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT note FROM invoices ORDER BY 1"));
        return lines;
    }
}
