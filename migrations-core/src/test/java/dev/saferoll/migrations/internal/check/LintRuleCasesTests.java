package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.safety.LintFinding;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.sql.SqlSyntax;

import static dev.saferoll.migrations.safety.LintRule.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule, where it fires and where it stays quiet, from raw SQL and from the schema builder (its SQL fed to the
 * linter as a run does). A quiet case must produce no finding at all. Rules the builder cannot express are listed
 * with the reason, and docs/lint-rules.md says the same.
 */
class LintRuleCasesTests {

    private static final MigrationVersion VERSION = MigrationVersion.fromTimestamp("2024_01_15_143000");

    /** Rules whose firing form the schema builder cannot write. */
    static final Map<LintRule, String> BUILDER_CANNOT_FIRE = Map.of(
            NON_CONCURRENT_REINDEX, "the builder has no REINDEX",
            VOLATILE_DEFAULT, "the builder writes only literal defaults and CURRENT_TIMESTAMP, which are not volatile",
            ADD_STORED_GENERATED_COLUMN, "the builder has no generated columns",
            EXCLUSION_CONSTRAINT, "the builder has no exclusion constraints",
            WHOLE_TABLE_UPDATE, "the builder writes no DML",
            MYSQL_COPY_ALGORITHM, "the builder has no MySQL grammar yet",
            MYSQL_LOCKING, "the builder has no MySQL grammar yet",
            MYSQL_EXPRESSION_DEFAULT, "the builder has no MySQL grammar yet",
            MYSQL_VALIDATING_CONSTRAINT, "the builder has no MySQL grammar yet");

    /** Rules with no builder case at all, quiet or not. */
    static final Set<LintRule> NO_BUILDER = EnumSet.of(NON_CONCURRENT_REINDEX, ADD_STORED_GENERATED_COLUMN,
            EXCLUSION_CONSTRAINT, WHOLE_TABLE_UPDATE, MYSQL_COPY_ALGORITHM, MYSQL_LOCKING, MYSQL_EXPRESSION_DEFAULT,
            MYSQL_VALIDATING_CONSTRAINT);

    static Stream<LintCase> cases() {
        TestCatalog widening = TestCatalog.empty().notNull("users.email", "character varying(255)");
        TestCatalog nullableEmail = TestCatalog.empty().nullable("users.email", "character varying(255)");
        TestCatalog keys = TestCatalog.empty().primaryKey("users", "id").notNull("users.id", "bigint")
            .nullable("orders.user_id", "integer").nullable("orders.buyer_id", "bigint");
        return Stream.of(
                raw(ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, true,
                        "ALTER TABLE users ADD COLUMN price numeric(10,2) NOT NULL"),
                raw(ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, false,
                        "ALTER TABLE users ADD COLUMN price numeric(10,2) NOT NULL DEFAULT 0"),
                builder(ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, true, (s) -> s.table("users", (t) -> t.string("email"))),
                builder(ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, false,
                        (s) -> s.table("users", (t) -> t.bool("active").defaultTo(true))),
                raw(ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, true,
                        "ALTER TABLE users ADD COLUMN price decimal(10,2) NOT NULL").mysql(),
                raw(ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, false,
                        "ALTER TABLE users ADD COLUMN price decimal(10,2) NOT NULL DEFAULT 0").mysql(),

                raw(NON_CONCURRENT_INDEX, true, "CREATE INDEX ON users (email)"),
                raw(NON_CONCURRENT_INDEX, false, "CREATE INDEX CONCURRENTLY ON users (email)").nonTransactional(),
                builder(NON_CONCURRENT_INDEX, true, (s) -> s.table("users", (t) -> t.index("email"))),
                builder(NON_CONCURRENT_INDEX, false,
                        (s) -> s.table("users", (t) -> t.index("email").concurrently())).nonTransactional(),

                raw(NON_CONCURRENT_DROP_INDEX, true, "DROP INDEX users_email_index"),
                raw(NON_CONCURRENT_DROP_INDEX, false,
                        "DROP INDEX CONCURRENTLY IF EXISTS users_email_index").nonTransactional(),
                builder(NON_CONCURRENT_DROP_INDEX, true,
                        (s) -> s.table("users", (t) -> t.dropIndex("users_email_index"))),
                builder(NON_CONCURRENT_DROP_INDEX, false,
                        (s) -> s.table("users", (t) -> t.dropIndex("users_email_index").concurrently()))
                            .nonTransactional(),

                raw(NON_CONCURRENT_REINDEX, true, "REINDEX INDEX users_email_index"),
                raw(NON_CONCURRENT_REINDEX, false, "REINDEX INDEX CONCURRENTLY users_email_index").nonTransactional(),

                raw(CONCURRENTLY_IN_TRANSACTION, true, "CREATE INDEX CONCURRENTLY ON users (email)"),
                raw(CONCURRENTLY_IN_TRANSACTION, false, "DROP INDEX CONCURRENTLY users_email_index").nonTransactional(),
                builder(CONCURRENTLY_IN_TRANSACTION, true,
                        (s) -> s.table("users", (t) -> t.index("email").concurrently())),
                builder(CONCURRENTLY_IN_TRANSACTION, false,
                        (s) -> s.table("users", (t) -> t.dropIndex("users_email_index").concurrently()))
                            .nonTransactional(),

                raw(RENAME_COLUMN, true, "ALTER TABLE users RENAME COLUMN email TO email_address"),
                raw(RENAME_COLUMN, false, "ALTER TABLE users RENAME CONSTRAINT users_email_key TO users_email_unique"),
                builder(RENAME_COLUMN, true, (s) -> s.table("users", (t) -> t.renameColumn("email", "email_address"))),
                builder(RENAME_COLUMN, false, (s) -> s.table("users", (t) -> t.string("email_address").nullable())),
                raw(RENAME_COLUMN, true,
                        "ALTER TABLE users CHANGE email email_address varchar(255)").mysql().catalog(widening),
                raw(RENAME_COLUMN, false, "ALTER TABLE users RENAME INDEX users_email TO users_email_unique").mysql(),

                raw(RENAME_TABLE, true, "ALTER TABLE users RENAME TO accounts"),
                raw(RENAME_TABLE, false, "CREATE TABLE accounts (id bigint); ALTER TABLE accounts RENAME TO members"),
                builder(RENAME_TABLE, true, (s) -> s.rename("users", "accounts")),
                builder(RENAME_TABLE, false, (s) -> s.create("drafts", (t) -> t.id()).rename("drafts", "posts")),
                raw(RENAME_TABLE, true, "RENAME TABLE users TO accounts").mysql(),
                raw(RENAME_TABLE, false, "CREATE TABLE drafts (id bigint); RENAME TABLE drafts TO posts").mysql(),

                raw(CHANGE_COLUMN_TYPE, true,
                        "ALTER TABLE users ALTER COLUMN email TYPE varchar(100)").catalog(widening),
                raw(CHANGE_COLUMN_TYPE, false, "ALTER TABLE users ALTER COLUMN email TYPE text").catalog(widening),
                builder(CHANGE_COLUMN_TYPE, true, (s) -> s.table("users", (t) -> t.text("bio").nullable().change())),
                builder(CHANGE_COLUMN_TYPE, false,
                        (s) -> s.table("users", (t) -> t.string("email", 500).change())).catalog(widening),
                raw(CHANGE_COLUMN_TYPE, true,
                        "ALTER TABLE users MODIFY email varchar(100) NOT NULL")
                            .mysql().catalog(TestCatalog.empty().notNull("users.email", "varchar(50)")),
                raw(CHANGE_COLUMN_TYPE, false,
                        "ALTER TABLE users MODIFY email varchar(500) NOT NULL")
                            .mysql().catalog(TestCatalog.empty().notNull("users.email", "varchar(255)")),

                raw(DROP_COLUMN, true, "ALTER TABLE users DROP COLUMN legacy_id"),
                raw(DROP_COLUMN, false, "ALTER TABLE users DROP CONSTRAINT users_legacy_id_check"),
                builder(DROP_COLUMN, true, (s) -> s.table("users", (t) -> t.dropColumn("legacy_id"))),
                builder(DROP_COLUMN, false, (s) -> s.create("drafts", (t) -> {
                    t.id();
                    t.string("title");
                }).table("drafts", (t) -> t.dropColumn("title"))),
                raw(DROP_COLUMN, true, "ALTER TABLE users DROP legacy_id").mysql(),
                raw(DROP_COLUMN, false, "ALTER TABLE users DROP INDEX users_legacy_id").mysql(),

                raw(DROP_TABLE, true, "DROP TABLE IF EXISTS legacy_users"),
                raw(DROP_TABLE, false, "CREATE TABLE scratch (id int); DROP TABLE scratch"),
                builder(DROP_TABLE, true, (s) -> s.drop("legacy_users")),
                builder(DROP_TABLE, false, (s) -> s.create("scratch", (t) -> t.id()).dropIfExists("scratch")),
                raw(DROP_TABLE, true, "DROP TABLE legacy_users").mysql(),
                raw(DROP_TABLE, false,
                        "DROP TEMPORARY TABLE IF EXISTS scratch")
                            .mysql().afterCreating("CREATE TEMPORARY TABLE scratch (id int)"),

                raw(FOREIGN_KEY_WITHOUT_NOT_VALID, true,
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (buyer_id) REFERENCES users (id)"),
                raw(FOREIGN_KEY_WITHOUT_NOT_VALID, false,
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (buyer_id) REFERENCES users (id) "
                                + "NOT VALID"),
                builder(FOREIGN_KEY_WITHOUT_NOT_VALID, true,
                        (s) -> s.table("orders", (t) -> t.foreign("buyer_id").references("id").on("users"))),
                builder(FOREIGN_KEY_WITHOUT_NOT_VALID, false,
                        (s) -> s.table("orders", (t) -> t.foreign("buyer_id").references("id").on("users").notValid())),

                raw(CHECK_WITHOUT_NOT_VALID, true,
                        "ALTER TABLE orders ADD CONSTRAINT price_positive CHECK (price > 0)"),
                raw(CHECK_WITHOUT_NOT_VALID, false,
                        "ALTER TABLE orders ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID"),
                builder(CHECK_WITHOUT_NOT_VALID, true,
                        (s) -> s.table("orders", (t) -> t.check("price_positive", "price > 0"))),
                builder(CHECK_WITHOUT_NOT_VALID, false,
                        (s) -> s.table("orders", (t) -> t.check("price_positive", "price > 0").notValid())),

                raw(SET_NOT_NULL, true, "ALTER TABLE users ALTER COLUMN email SET NOT NULL").catalog(nullableEmail),
                raw(SET_NOT_NULL, false,
                        "ALTER TABLE users ALTER COLUMN email SET NOT NULL")
                            .catalog(TestCatalog.empty().proven("users.email", "text")),
                builder(SET_NOT_NULL, true,
                        (s) -> s.table("users", (t) -> t.string("email").change())).catalog(nullableEmail),
                builder(SET_NOT_NULL, false, (s) -> s
                    .table("users", (t) -> t.check("users_email_present", "email IS NOT NULL").notValid())
                    .table("users", (t) -> t.validateConstraint("users_email_present"))
                    .table("users", (t) -> t.string("email").change())).catalog(nullableEmail),

                raw(VOLATILE_DEFAULT, true, "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()"),
                raw(VOLATILE_DEFAULT, false, "ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now()"),
                builder(VOLATILE_DEFAULT, false, (s) -> s.table("users", (t) -> t.timestamp("seen_at").useCurrent())),

                raw(ADD_AUTO_INCREMENT_COLUMN, true, "ALTER TABLE users ADD COLUMN number bigserial"),
                raw(ADD_AUTO_INCREMENT_COLUMN, false,
                        "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)"),
                builder(ADD_AUTO_INCREMENT_COLUMN, true, (s) -> s.table("legacy_events", (t) -> t.id("number"))),
                builder(ADD_AUTO_INCREMENT_COLUMN, false, (s) -> s.create("events", (t) -> t.id())),
                raw(ADD_AUTO_INCREMENT_COLUMN, true,
                        "ALTER TABLE users ADD COLUMN number bigint AUTO_INCREMENT UNIQUE").mysql(),
                raw(ADD_AUTO_INCREMENT_COLUMN, false,
                        "CREATE TABLE events (id bigint AUTO_INCREMENT PRIMARY KEY)").mysql(),

                raw(ADD_STORED_GENERATED_COLUMN, true,
                        "ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED"),
                raw(ADD_STORED_GENERATED_COLUMN, false,
                        "CREATE TABLE people (email text, email_lower text GENERATED ALWAYS AS (lower(email)) STORED)"),
                raw(ADD_STORED_GENERATED_COLUMN, true,
                        "ALTER TABLE users ADD COLUMN email_lower varchar(255) AS (lower(email)) STORED").mysql(),
                raw(ADD_STORED_GENERATED_COLUMN, false,
                        "ALTER TABLE users ADD COLUMN email_lower varchar(255) AS (lower(email)) VIRTUAL").mysql(),

                raw(KEY_WITHOUT_USING_INDEX, true, "ALTER TABLE accounts ADD CONSTRAINT accounts_pk PRIMARY KEY (id)"),
                raw(KEY_WITHOUT_USING_INDEX, false,
                        "ALTER TABLE accounts ADD CONSTRAINT accounts_pk PRIMARY KEY USING INDEX accounts_pk_idx"),
                builder(KEY_WITHOUT_USING_INDEX, true,
                        (s) -> s.table("memberships", (t) -> t.primary("user_id", "team_id"))),
                builder(KEY_WITHOUT_USING_INDEX, false, (s) -> s.create("memberships", (t) -> {
                    t.bigInteger("user_id");
                    t.bigInteger("team_id");
                }).table("memberships", (t) -> t.primary("user_id", "team_id"))),

                raw(EXCLUSION_CONSTRAINT, true,
                        "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)"),
                raw(EXCLUSION_CONSTRAINT, false,
                        "CREATE TABLE bookings (room int, during tstzrange, "
                                + "EXCLUDE USING gist (room WITH =, during WITH &&))"),

                raw(FOREIGN_KEY_TYPE_MISMATCH, true,
                        "ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users NOT VALID").catalog(keys),
                raw(FOREIGN_KEY_TYPE_MISMATCH, false,
                        "ALTER TABLE orders ADD FOREIGN KEY (buyer_id) REFERENCES users NOT VALID").catalog(keys),
                builder(FOREIGN_KEY_TYPE_MISMATCH, true, (s) -> s.create("payments", (t) -> {
                    t.id();
                    t.integer("user_id");
                    t.foreign("user_id").references("id").on("users");
                })).catalog(keys),
                builder(FOREIGN_KEY_TYPE_MISMATCH, false, (s) -> s.create("payments", (t) -> {
                    t.id();
                    t.bigInteger("user_id");
                    t.foreign("user_id").references("id").on("users");
                })).catalog(keys),
                raw(FOREIGN_KEY_TYPE_MISMATCH, true,
                        "CREATE TABLE payments (id bigint, user_id int, FOREIGN KEY (user_id) REFERENCES users (id))")
                            .mysql().catalog(keys),
                raw(FOREIGN_KEY_TYPE_MISMATCH, false,
                        "CREATE TABLE payments (id bigint, user_id bigint, FOREIGN KEY (user_id) REFERENCES users (id))")
                            .mysql().catalog(keys),

                raw(WHOLE_TABLE_UPDATE, true, "UPDATE users SET role = 'member'"),
                raw(WHOLE_TABLE_UPDATE, false, "UPDATE users SET role = 'member' WHERE id BETWEEN 1 AND 1000"),
                raw(WHOLE_TABLE_UPDATE, true, "DELETE FROM sessions").mysql(),
                raw(WHOLE_TABLE_UPDATE, false, "DELETE FROM sessions ORDER BY id LIMIT 1000").mysql(),

                raw(MYSQL_COPY_ALGORITHM, true,
                        "ALTER TABLE users ADD INDEX users_email (email), ALGORITHM=COPY").mysql(),
                raw(MYSQL_COPY_ALGORITHM, false,
                        "ALTER TABLE users ADD INDEX users_email (email), ALGORITHM=INPLACE, LOCK=NONE").mysql(),
                raw(MYSQL_LOCKING, true, "CREATE INDEX users_email ON users (email) LOCK = SHARED").mysql(),
                raw(MYSQL_LOCKING, false, "CREATE INDEX users_email ON users (email) LOCK = NONE").mysql(),
                raw(MYSQL_EXPRESSION_DEFAULT, true,
                        "ALTER TABLE users ADD COLUMN joined_at datetime DEFAULT (now())").mysql(),
                raw(MYSQL_EXPRESSION_DEFAULT, false,
                        "ALTER TABLE users ADD COLUMN joined_at datetime DEFAULT CURRENT_TIMESTAMP").mysql(),
                raw(MYSQL_VALIDATING_CONSTRAINT, true,
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (buyer_id) REFERENCES users (id)")
                            .mysql(),
                raw(MYSQL_VALIDATING_CONSTRAINT, false,
                        "CREATE TABLE refunds (id bigint, order_id bigint, CONSTRAINT refunds_order_fk "
                                + "FOREIGN KEY (order_id) REFERENCES refunds (id))")
                            .mysql());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firesOrStaysQuiet(LintCase lintCase) {
        List<LintFinding> findings = lintCase.lint();
        if (lintCase.fires()) {
            assertThat(findings).extracting(LintFinding::rule).contains(lintCase.rule());
        }
        else {
            assertThat(findings).isEmpty();
        }
    }

    @Test
    void everyRuleHasItsCases() {
        List<LintCase> all = cases().toList();
        for (LintRule rule : LintRule.values()) {
            if (rule == MISSING_LOCK_TIMEOUT) {
                continue;
            }
            List<String> kinds = new ArrayList<>();
            for (LintCase lintCase : all) {
                if (lintCase.rule() == rule) {
                    kinds.add((lintCase.builder() ? "builder " : "raw ") + (lintCase.fires() ? "fires" : "quiet"));
                }
            }
            assertThat(kinds).as(rule.name()).contains("raw fires", "raw quiet");
            if (!BUILDER_CANNOT_FIRE.containsKey(rule)) {
                assertThat(kinds).as(rule.name()).contains("builder fires");
            }
            if (!NO_BUILDER.contains(rule)) {
                assertThat(kinds).as(rule.name()).contains("builder quiet");
            }
        }
    }

    @Test
    void everyRuleNamesItsDialects() {
        Set<String> known = Set.of("POSTGRESQL", "MYSQL", "MARIADB", "H2");
        for (LintRule rule : LintRule.values()) {
            assertThat(known).as(rule.name()).containsAll(rule.dialectNames());
            assertThat(rule.dialectNames()).as(rule.name()).isNotEmpty();
            assertThat(rule.covers(Dialect.POSTGRESQL)).as(rule.name()).isEqualTo(!rule.name().startsWith("MYSQL_"));
            assertThat(rule.dialects().contains(Dialect.POSTGRESQL)).isEqualTo(rule.covers(Dialect.POSTGRESQL));
        }
        assertThat(MYSQL_COPY_ALGORITHM.dialectNames()).containsExactlyInAnyOrder("MYSQL", "MARIADB");
    }

    private static LintCase raw(LintRule rule, boolean fires, String sql) {
        return new LintCase(rule, fires, false, List.of(sql), SqlSyntax.POSTGRESQL, true, TestCatalog.empty(), null);
    }

    private static LintCase builder(LintRule rule, boolean fires, Consumer<Schema> change) {
        Schema schema = new Schema(Dialect.POSTGRESQL);
        change.accept(schema);
        return new LintCase(rule, fires, true, schema.toSql(), SqlSyntax.POSTGRESQL, true, TestCatalog.empty(), null);
    }

    /**
     * One case of one rule.
     * @param setup a statement run before the case's, in the same migration
     */
    record LintCase(LintRule rule, boolean fires, boolean builder, List<String> sql, SqlSyntax syntax,
            boolean transactional, TestCatalog catalog, @Nullable String setup) {

        LintCase mysql() {
            return new LintCase(this.rule, this.fires, this.builder, this.sql, SqlSyntax.MYSQL, this.transactional,
                    this.catalog, this.setup);
        }

        LintCase nonTransactional() {
            return new LintCase(this.rule, this.fires, this.builder, this.sql, this.syntax, false, this.catalog,
                    this.setup);
        }

        LintCase catalog(TestCatalog catalog) {
            return new LintCase(this.rule, this.fires, this.builder, this.sql, this.syntax, this.transactional,
                    catalog, this.setup);
        }


        LintCase afterCreating(String setup) {
            return new LintCase(this.rule, this.fires, this.builder, this.sql, this.syntax, this.transactional,
                    this.catalog, setup);
        }

        List<LintFinding> lint() {
            MigrationLinter linter = new MigrationLinter(VERSION, null, this.syntax, this.transactional, true);
            if (this.setup != null) {
                linter.inspect(this.setup, this.catalog);
            }
            this.sql.forEach((statement) -> linter.inspect(statement, this.catalog));
            return linter.findings();
        }

        @Override
        public String toString() {
            return this.rule + " " + (this.fires ? "fires" : "quiet") + " (" + (this.builder ? "builder" : "raw")
                    + ((this.syntax == SqlSyntax.MYSQL) ? ", MySQL" : "") + "): " + String.join("; ", this.sql);
        }
    }
}
