package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.safety.LintFinding;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.sql.SqlSyntax;

import static dev.saferoll.migrations.safety.LintRule.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-world migration SQL, labelled: the examples of squawk's and strong_migrations' documentation, SQL that Rails,
 * Django, pg_dump and GitLab's migrations write, and the seed's own. Every unsafe statement must be flagged with its
 * rule, and no safe one flagged at all. The score is printed.
 */
class LintCorpusTests {

    private static final MigrationVersion VERSION = MigrationVersion.fromTimestamp("2024_01_15_143000");

    private static final TestCatalog CATALOG = TestCatalog.empty()
        .nullable("core_recipe.edits", "integer")
        .nullable("users.some_column", "integer")
        .notNull("users.name", "character varying(255)")
        .notNull("users.price", "numeric(10,2)")
        .notNull("app_book.id", "integer")
        .nullable("ci_builds.project_id", "integer")
        .notNull("projects.id", "bigint").primaryKey("projects", "id")
        .notNull("users.id", "bigint").primaryKey("users", "id")
        .nullable("posts.user_id", "bigint")
        .nullable("core_recipe.foo", "integer");

    private static final List<Entry> CORPUS = List.of(
            // squawk's rule documentation
            unsafe("squawk require-concurrent-index-creation", NON_CONCURRENT_INDEX,
                    "CREATE INDEX \"field_name_idx\" ON \"table_name\" (\"field_name\");"),
            unsafe("squawk disallowed-unique-constraint", KEY_WITHOUT_USING_INDEX,
                    "ALTER TABLE table_name ADD CONSTRAINT field_name_constraint UNIQUE (field_name);"),
            unsafe("squawk adding-field-with-default (volatile)", VOLATILE_DEFAULT,
                    "alter table t add column c uuid default uuid_generate_v4();"),
            unsafe("squawk adding-serial-primary-key-field", KEY_WITHOUT_USING_INDEX,
                    "ALTER TABLE account ADD PRIMARY KEY (id);"),
            unsafe("squawk adding-required-field", ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT,
                    "ALTER TABLE \"recipe\" ADD COLUMN \"public\" boolean NOT NULL;"),
            unsafe("squawk adding-not-nullable-field", SET_NOT_NULL,
                    "ALTER TABLE \"core_recipe\" ALTER COLUMN \"foo\" SET NOT NULL;"),
            unsafe("squawk constraint-missing-not-valid", CHECK_WITHOUT_NOT_VALID,
                    "ALTER TABLE \"accounts\" ADD CONSTRAINT \"positive_balance\" CHECK (\"balance\" >= 0);"),
            unsafe("squawk adding-foreign-key-constraint", FOREIGN_KEY_WITHOUT_NOT_VALID,
                    "ALTER TABLE \"email\" ADD CONSTRAINT \"fk_user\" FOREIGN KEY (\"user_id\") "
                            + "REFERENCES \"user\" (\"id\");"),
            unsafe("squawk changing-column-type", CHANGE_COLUMN_TYPE,
                    "ALTER TABLE \"core_recipe\" ALTER COLUMN \"edits\" TYPE text USING \"edits\"::text;"),
            unsafe("squawk renaming-column", RENAME_COLUMN,
                    "ALTER TABLE \"table_name\" RENAME COLUMN \"column_name\" TO \"new_column_name\";"),
            unsafe("squawk renaming-table", RENAME_TABLE, "ALTER TABLE \"table_name\" RENAME TO \"new_table_name\";"),
            unsafe("squawk ban-drop-column", DROP_COLUMN, "ALTER TABLE \"bar_tbl\" DROP COLUMN \"foo_col\" CASCADE;"),
            unsafe("squawk ban-drop-table", DROP_TABLE, "DROP TABLE \"table_name\";"),
            unsafe("squawk require-concurrent-index-deletion", NON_CONCURRENT_DROP_INDEX,
                    "DROP INDEX IF EXISTS \"field_name_idx\";"),
            unsafe("squawk require-concurrent-reindex", NON_CONCURRENT_REINDEX, "REINDEX TABLE my_table;"),
            unsafe("squawk ban-concurrent-index-creation-in-transaction", CONCURRENTLY_IN_TRANSACTION,
                    "CREATE INDEX CONCURRENTLY \"field_name_idx\" ON \"table_name\" (\"field_name\");"),
            safe("squawk disallowed-unique-constraint, step 1",
                    "CREATE UNIQUE INDEX CONCURRENTLY dist_id_temp_idx ON distributors (dist_id);").nonTransactional(),
            safe("squawk disallowed-unique-constraint, step 2", "ALTER TABLE distributors DROP CONSTRAINT "
                    + "distributors_pkey, ADD CONSTRAINT distributors_pkey PRIMARY KEY USING INDEX dist_id_temp_idx;"),
            safe("squawk adding-field-with-default (PostgreSQL 11+)",
                    "ALTER TABLE \"core_recipe\" ADD COLUMN \"foo\" integer DEFAULT 10 NOT NULL;"),
            safe("squawk adding-required-field, solution", "ALTER TABLE \"recipe\" ADD COLUMN \"public\" boolean;"),
            safe("squawk constraint-missing-not-valid, solution", "ALTER TABLE \"accounts\" ADD CONSTRAINT "
                    + "\"positive_balance\" CHECK (\"balance\" >= 0) NOT VALID;"),
            safe("squawk constraint-missing-not-valid, validation",
                    "ALTER TABLE accounts VALIDATE CONSTRAINT positive_balance;"),
            safe("squawk adding-foreign-key-constraint, solution", "ALTER TABLE \"email\" ADD CONSTRAINT \"fk_user\" "
                    + "FOREIGN KEY (\"user_id\") REFERENCES \"user\" (\"id\") NOT VALID;"),
            safe("squawk require-concurrent-index-creation, solution",
                    "CREATE INDEX CONCURRENTLY \"email_idx\" ON \"app_user\" (\"email\");").nonTransactional(),
            safe("squawk require-concurrent-index-deletion, solution",
                    "DROP INDEX CONCURRENTLY IF EXISTS \"email_idx\";").nonTransactional(),
            safe("squawk require-concurrent-reindex, solution", "REINDEX INDEX CONCURRENTLY my_index;")
                .nonTransactional(),
            safe("squawk adding-not-nullable-field, PostgreSQL 12+ solution",
                    "ALTER TABLE \"core_recipe\" ADD CONSTRAINT foo_not_null CHECK (\"foo\" IS NOT NULL) NOT VALID;",
                    "ALTER TABLE \"core_recipe\" VALIDATE CONSTRAINT foo_not_null;",
                    "ALTER TABLE \"core_recipe\" ALTER COLUMN \"foo\" SET NOT NULL;",
                    "ALTER TABLE \"core_recipe\" DROP CONSTRAINT foo_not_null;"),

            // strong_migrations' checks, as the SQL Rails writes
            unsafe("strong_migrations volatile default", VOLATILE_DEFAULT,
                    "ALTER TABLE \"users\" ADD \"some_column\" uuid DEFAULT gen_random_uuid()"),
            unsafe("strong_migrations auto-incrementing column", ADD_AUTO_INCREMENT_COLUMN,
                    "ALTER TABLE \"users\" ADD \"some_column\" bigserial"),
            unsafe("strong_migrations stored generated column", ADD_STORED_GENERATED_COLUMN,
                    "ALTER TABLE \"users\" ADD \"some_column\" integer GENERATED ALWAYS AS (id + 1) STORED"),
            unsafe("strong_migrations unique constraint", KEY_WITHOUT_USING_INDEX,
                    "ALTER TABLE \"users\" ADD CONSTRAINT \"users_some_column_unique\" UNIQUE (\"some_column\")"),
            unsafe("strong_migrations exclusion constraint", EXCLUSION_CONSTRAINT,
                    "ALTER TABLE \"users\" ADD CONSTRAINT \"users_number_excl\" EXCLUDE USING gist (\"number\" WITH =)"),
            unsafe("strong_migrations change column type", CHANGE_COLUMN_TYPE,
                    "ALTER TABLE \"users\" ALTER COLUMN \"some_column\" TYPE bigint"),
            unsafe("strong_migrations check constraint", CHECK_WITHOUT_NOT_VALID,
                    "ALTER TABLE \"users\" ADD CONSTRAINT \"price_check\" CHECK (price > 0)"),
            unsafe("strong_migrations add_index", NON_CONCURRENT_INDEX,
                    "CREATE INDEX \"index_users_on_some_column\" ON \"users\" (\"some_column\")"),
            unsafe("strong_migrations change_column_null", SET_NOT_NULL,
                    "ALTER TABLE \"users\" ALTER COLUMN \"some_column\" SET NOT NULL"),
            unsafe("strong_migrations add_foreign_key", FOREIGN_KEY_WITHOUT_NOT_VALID, "ALTER TABLE \"users\" ADD "
                    + "CONSTRAINT \"fk_rails_c1e9b98e31\" FOREIGN KEY (\"order_id\") REFERENCES \"orders\" (\"id\")"),
            unsafe("strong_migrations backfilling data", WHOLE_TABLE_UPDATE,
                    "UPDATE \"users\" SET \"some_column\" = 'default_value'"),
            unsafe("strong_migrations remove_column", DROP_COLUMN,
                    "ALTER TABLE \"users\" DROP COLUMN \"some_column\""),
            safe("strong_migrations volatile default, solution", "ALTER TABLE \"users\" ADD \"some_column\" uuid",
                    "ALTER TABLE \"users\" ALTER COLUMN \"some_column\" SET DEFAULT gen_random_uuid()"),
            safe("strong_migrations safe type change: string to text",
                    "ALTER TABLE \"users\" ALTER COLUMN \"name\" TYPE text"),
            safe("strong_migrations safe type change: longer limit",
                    "ALTER TABLE \"users\" ALTER COLUMN \"name\" TYPE character varying(500)"),
            safe("strong_migrations safe type change: more precision",
                    "ALTER TABLE \"users\" ALTER COLUMN \"price\" TYPE decimal(12, 2)"),
            safe("strong_migrations create_table", "CREATE TABLE \"users\" (\"id\" bigserial primary key, "
                    + "\"email\" character varying NOT NULL, \"created_at\" timestamp(6) NOT NULL)"),
            safe("strong_migrations create_table with references",
                    "CREATE TABLE \"posts\" (\"id\" bigserial primary key, \"user_id\" bigint NOT NULL)",
                    "CREATE INDEX \"index_posts_on_user_id\" ON \"posts\" (\"user_id\")",
                    "ALTER TABLE \"posts\" ADD CONSTRAINT \"fk_rails_5b5ddfd518\" FOREIGN KEY (\"user_id\") "
                            + "REFERENCES \"users\" (\"id\")"),
            safe("strong_migrations add_check_constraint validate: false", "ALTER TABLE \"users\" ADD CONSTRAINT "
                    + "\"price_check\" CHECK (price > 0) NOT VALID"),

            // Django, pg_dump and GitLab
            unsafe("Django AddField with db_index", NON_CONCURRENT_INDEX,
                    "CREATE INDEX \"app_book_author_id_1b0b4c5e\" ON \"app_book\" (\"author_id\");"),
            unsafe("Django ForeignKey constraint", FOREIGN_KEY_WITHOUT_NOT_VALID, "ALTER TABLE \"app_book\" ADD "
                    + "CONSTRAINT \"app_book_author_id_fk_app_author_id\" FOREIGN KEY (\"author_id\") REFERENCES "
                    + "\"app_author\" (\"id\") DEFERRABLE INITIALLY DEFERRED;"),
            unsafe("Django BigAutoField switch", CHANGE_COLUMN_TYPE,
                    "ALTER TABLE \"app_book\" ALTER COLUMN \"id\" TYPE bigint USING \"id\"::bigint;"),
            unsafe("pg_dump primary key on an existing table", KEY_WITHOUT_USING_INDEX,
                    "ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);"),
            unsafe("GitLab int foreign key to a bigint key", FOREIGN_KEY_TYPE_MISMATCH, "ALTER TABLE ci_builds ADD "
                    + "CONSTRAINT fk_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE "
                    + "NOT VALID"),
            unsafe("GitLab-style volatile timestamp default", VOLATILE_DEFAULT,
                    "ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT clock_timestamp()"),
            unsafe("Flyway tutorial serial key", ADD_AUTO_INCREMENT_COLUMN,
                    "ALTER TABLE person ADD COLUMN id SERIAL PRIMARY KEY;"),
            unsafe("Rails delete_all in a migration", WHOLE_TABLE_UPDATE, "DELETE FROM \"sessions\""),
            unsafe("a second statement of one execute()", NON_CONCURRENT_INDEX,
                    "CREATE TABLE audit (id bigint);\nCREATE INDEX users_created_at ON users (created_at);"),
            unsafe("DROP INDEX CONCURRENTLY in a transaction", CONCURRENTLY_IN_TRANSACTION,
                    "DROP INDEX CONCURRENTLY users_created_at;"),
            safe("Django AddField with default, PostgreSQL 11+", "ALTER TABLE \"app_book\" ADD COLUMN \"isbn\" "
                    + "varchar(13) DEFAULT '' NOT NULL; ALTER TABLE \"app_book\" ALTER COLUMN \"isbn\" DROP DEFAULT;"),
            safe("pg_dump primary key using an index",
                    "ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey_idx;"),
            safe("GitLab foreign key of the key's own type", "ALTER TABLE posts ADD CONSTRAINT fk_user FOREIGN KEY "
                    + "(user_id) REFERENCES users (id) ON DELETE CASCADE NOT VALID"),
            safe("partial unique index, concurrently", "CREATE UNIQUE INDEX CONCURRENTLY users_email_live "
                    + "ON users (lower(email)) WHERE deleted_at IS NULL").nonTransactional(),

            // the seed's own examples and everyday migrations
            unsafe("seed: transform data in one statement", WHOLE_TABLE_UPDATE, "UPDATE users SET role = CASE WHEN "
                    + "is_admin THEN 'admin' WHEN is_moderator THEN 'moderator' ELSE 'user' END"),
            unsafe("seed: drop merged columns", DROP_COLUMN,
                    "ALTER TABLE users DROP COLUMN is_admin, DROP COLUMN is_moderator"),
            safe("seed: copy data for a two-step rename",
                    "UPDATE users SET email_address = email WHERE email_address IS NULL"),
            safe("sample app: normalize emails",
                    "UPDATE users SET email = lower(trim(email)) WHERE email <> lower(trim(email))"),
            safe("jsonb default", "ALTER TABLE users ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb"),
            safe("now() default", "ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()"),
            safe("comment", "COMMENT ON COLUMN users.email IS 'Login, unique ignoring case'"),
            safe("set a default", "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active'"),
            safe("drop not null", "ALTER TABLE users ALTER COLUMN nickname DROP NOT NULL"),
            safe("extension", "CREATE EXTENSION IF NOT EXISTS pgcrypto"),
            safe("enum type", "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
            safe("enum value", "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'excited' AFTER 'happy'"),
            safe("view", "CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE deleted_at IS NULL"),
            safe("seed rows", "INSERT INTO roles (name) VALUES ('admin'), ('user') ON CONFLICT DO NOTHING"),
            safe("drop a check", "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_check"),
            safe("trigger function with an UPDATE in its body", "CREATE OR REPLACE FUNCTION touch() RETURNS trigger "
                    + "LANGUAGE plpgsql AS $$ BEGIN UPDATE counters SET n = n + 1; RETURN NEW; END $$"),
            safe("rename a constraint", "ALTER TABLE posts RENAME CONSTRAINT posts_a TO posts_b"),
            safe("session setting", "SET lock_timeout = '5s'"),
            safe("rename an index", "ALTER INDEX users_email_idx RENAME TO users_email_index"),
            safe("delete old rows", "DELETE FROM sessions WHERE expires_at < now() - interval '30 days'"),
            safe("grant", "GRANT SELECT ON users TO reporting"),
            safe("new table with everything", "CREATE TABLE IF NOT EXISTS audit_log (id bigint GENERATED ALWAYS AS "
                    + "IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "payload jsonb CHECK (payload ? 'kind'));\nCREATE INDEX ON audit_log (at);"),
            safe("nullable column", "ALTER TABLE users ADD COLUMN id_new bigint"),

            // MySQL and MariaDB, read with the MySQL syntax
            unsafe("strong_migrations MySQL: COPY algorithm", MYSQL_COPY_ALGORITHM,
                    "ALTER TABLE `users` ADD INDEX `index_users_on_some_column` (`some_column`), ALGORITHM=COPY").mysql(),
            unsafe("strong_migrations MySQL: shared lock", MYSQL_LOCKING,
                    "CREATE INDEX `index_users_on_some_column` ON `users` (`some_column`) LOCK=SHARED").mysql(),
            unsafe("strong_migrations MySQL: expression default", MYSQL_EXPRESSION_DEFAULT,
                    "ALTER TABLE `users` ADD `some_column` datetime DEFAULT (now())").mysql(),
            unsafe("strong_migrations MySQL: auto increment", ADD_AUTO_INCREMENT_COLUMN,
                    "ALTER TABLE `users` ADD `number` bigint NOT NULL AUTO_INCREMENT UNIQUE").mysql(),
            unsafe("strong_migrations MySQL: foreign key", MYSQL_VALIDATING_CONSTRAINT, "ALTER TABLE `users` ADD "
                    + "CONSTRAINT `fk_rails_c1e9b98e31` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`)").mysql(),
            unsafe("MySQL: rename through CHANGE", RENAME_COLUMN,
                    "ALTER TABLE users CHANGE COLUMN `name` `full_name` varchar(255) NOT NULL").mysql(),
            safe("MySQL: online index", "CREATE INDEX `index_users_on_email` ON `users` (`email`)").mysql(),
            safe("MySQL: instant column", "ALTER TABLE `users` ADD COLUMN `nickname` varchar(50), ALGORITHM=INSTANT")
                .mysql(),
            safe("MySQL: constant default", "ALTER TABLE `users` ADD `active` tinyint(1) NOT NULL DEFAULT 1").mysql(),
            safe("MySQL: batched delete", "DELETE FROM `sessions` WHERE `expires_at` < NOW() LIMIT 1000").mysql());

    @Test
    void flagsEveryUnsafeStatementAndNoSafeOne() {
        int unsafe = 0;
        int flagged = 0;
        int safe = 0;
        int passed = 0;
        List<String> misses = new ArrayList<>();
        for (Entry entry : CORPUS) {
            List<LintFinding> findings = entry.lint();
            if (entry.expected() != null) {
                unsafe++;
                if (findings.stream().anyMatch((finding) -> finding.rule() == entry.expected())) {
                    flagged++;
                }
                else {
                    misses.add("missed " + entry.expected() + " in " + entry.source() + ": " + findings);
                }
            }
            else {
                safe++;
                if (findings.isEmpty()) {
                    passed++;
                }
                else {
                    misses.add("flagged safe " + entry.source() + ": " + findings);
                }
            }
        }
        System.out.printf(Locale.ROOT, "Lint corpus of %d statements: unsafe flagged %d/%d, safe passed %d/%d%n",
                CORPUS.size(), flagged, unsafe, passed, safe);
        assertThat(misses).isEmpty();
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(50);
    }

    private static Entry unsafe(String source, LintRule rule, String... sql) {
        return new Entry(source, rule, List.of(sql), SqlSyntax.POSTGRESQL, true);
    }

    private static Entry safe(String source, String... sql) {
        return new Entry(source, null, List.of(sql), SqlSyntax.POSTGRESQL, true);
    }

    /**
     * One labelled example.
     * @param expected the rule it must fire, or {@code null} for a safe example
     */
    record Entry(String source, @Nullable LintRule expected, List<String> sql, SqlSyntax syntax,
            boolean transactional) {

        Entry mysql() {
            return new Entry(this.source, this.expected, this.sql, SqlSyntax.MYSQL, this.transactional);
        }

        Entry nonTransactional() {
            return new Entry(this.source, this.expected, this.sql, this.syntax, false);
        }

        List<LintFinding> lint() {
            MigrationLinter linter = new MigrationLinter(VERSION, null, this.syntax, this.transactional, true);
            this.sql.forEach((statement) -> linter.inspect(statement, CATALOG));
            return linter.findings();
        }
    }
}
