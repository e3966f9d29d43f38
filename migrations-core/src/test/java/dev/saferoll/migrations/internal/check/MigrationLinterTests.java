package dev.saferoll.migrations.internal.check;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.safety.LintFinding;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.safety.SafetyAssured;
import dev.saferoll.migrations.sql.SqlSyntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The misses and misfires of the regex lint, and how findings are reported and acknowledged. */
class MigrationLinterTests {

    private static final MigrationVersion VERSION = MigrationVersion.fromTimestamp("2024_01_15_143000");

    @Test
    void concurrentIndexWithoutANameIsConcurrent() {
        assertThat(rules(false, "CREATE INDEX CONCURRENTLY ON users (email)")).isEmpty();
        assertThat(rules(false,
                "create unique index concurrently if not exists on public.users using btree (lower(email))"))
            .isEmpty();
    }

    @Test
    void indexWithoutANameIsStillAnIndex() {
        assertThat(rules(true, "CREATE INDEX ON users (email)")).containsExactly(LintRule.NON_CONCURRENT_INDEX);
        assertThat(rules(true, "CREATE UNIQUE INDEX ON ONLY users (email)"))
            .containsExactly(LintRule.NON_CONCURRENT_INDEX);
    }

    @Test
    void everyStatementOfAStringIsRead() {
        assertThat(rules(true, "CREATE TABLE audit (id bigint, at timestamptz);\n"
                + "CREATE INDEX ON audit (at);\n"
                + "CREATE INDEX ON users (email);\n"
                + "ALTER TABLE users DROP COLUMN legacy_id;"))
            .containsExactly(LintRule.NON_CONCURRENT_INDEX, LintRule.DROP_COLUMN);
    }

    @Test
    void notValidCountsOnlyForTheActionThatSaysIt() {
        assertThat(rules(true, "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
                + "REFERENCES users (id) NOT VALID, ADD CONSTRAINT price_positive CHECK (price > 0)"))
            .containsExactly(LintRule.CHECK_WITHOUT_NOT_VALID);
        assertThat(rules(true, "ALTER TABLE orders ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID, "
                + "ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)"))
            .containsExactly(LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID);
    }

    @Test
    void setNotNullIsQuietOnceAValidatedCheckProvesTheColumn() {
        MigrationLinter linter = linter(true);
        linter.inspect("ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK ((email IS NOT NULL)) NOT VALID");
        linter.inspect("ALTER TABLE users VALIDATE CONSTRAINT users_email_nn");
        linter.inspect("ALTER TABLE users ALTER COLUMN email SET NOT NULL");
        assertThat(linter.findings()).isEmpty();
    }

    @Test
    void setNotNullStillFiresWithoutValidationOnAnotherColumnOrBeforePostgres12() {
        MigrationLinter unvalidated = linter(true);
        unvalidated.inspect("ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID");
        unvalidated.inspect("ALTER TABLE users ALTER COLUMN email SET NOT NULL");
        assertThat(unvalidated.findings()).extracting(LintFinding::rule).containsExactly(LintRule.SET_NOT_NULL);
        MigrationLinter other = linter(true);
        other.inspect("ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID");
        other.inspect("ALTER TABLE users VALIDATE CONSTRAINT users_name_nn");
        other.inspect("ALTER TABLE users ALTER COLUMN email SET NOT NULL");
        assertThat(other.findings()).extracting(LintFinding::rule).containsExactly(LintRule.SET_NOT_NULL);
        MigrationLinter old = linter(true);
        TestCatalog postgres11 = TestCatalog.empty().proven("users.email", "text").serverVersion(11);
        old.inspect("ALTER TABLE users ALTER COLUMN email SET NOT NULL", postgres11);
        assertThat(old.findings()).extracting(LintFinding::rule).containsExactly(LintRule.SET_NOT_NULL);
    }

    @Test
    void constantDefaultsAreQuietAndVolatileOnesFire() {
        assertThat(rules(true, "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true, "
                + "ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb, ADD COLUMN seen_at timestamptz DEFAULT now(), "
                + "ADD COLUMN code text DEFAULT lower('X' || 'Y'), ADD COLUMN due date DEFAULT CURRENT_DATE + 7"))
            .isEmpty();
        assertThat(rules(true, "ALTER TABLE users ADD COLUMN a uuid DEFAULT gen_random_uuid(), "
                + "ADD COLUMN b float8 DEFAULT random(), ADD COLUMN c timestamptz DEFAULT clock_timestamp(), "
                + "ADD COLUMN d bigint DEFAULT nextval('d_seq')"))
            .containsExactly(LintRule.VOLATILE_DEFAULT, LintRule.VOLATILE_DEFAULT, LintRule.VOLATILE_DEFAULT,
                    LintRule.VOLATILE_DEFAULT);
        MigrationLinter old = linter(true);
        old.inspect("ALTER TABLE users ADD COLUMN active boolean DEFAULT true", TestCatalog.empty().serverVersion(10));
        assertThat(old.findings()).extracting(LintFinding::rule).containsExactly(LintRule.VOLATILE_DEFAULT);
    }

    @Test
    void tablesCreatedInTheSameMigrationTakeAnything() {
        assertThat(rules(true, "CREATE TABLE invoices (id bigint, user_id bigint, total numeric(10,2))",
                "CREATE INDEX ON invoices (user_id)",
                "ALTER TABLE invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users (id)",
                "ALTER TABLE invoices ADD CONSTRAINT total_positive CHECK (total > 0)",
                "ALTER TABLE invoices ADD PRIMARY KEY (id), ALTER COLUMN total SET NOT NULL",
                "ALTER TABLE invoices ADD COLUMN number bigserial, ALTER COLUMN total TYPE numeric(12,2)",
                "UPDATE invoices SET total = 0",
                "ALTER TABLE invoices RENAME COLUMN total TO amount"))
            .isEmpty();
    }

    @Test
    void widenedVarcharAndVarcharToTextAreQuietWhenTheCatalogKnowsTheOldType() {
        TestCatalog catalog = TestCatalog.empty().notNull("users.email", "character varying(50)");
        MigrationLinter linter = linter(true);
        linter.inspect("ALTER TABLE users ALTER COLUMN email TYPE varchar(255), ALTER COLUMN email SET NOT NULL",
                catalog);
        linter.inspect("ALTER TABLE users ALTER COLUMN email SET DATA TYPE text USING email::text", catalog);
        assertThat(linter.findings()).isEmpty();
        linter.inspect("ALTER TABLE users ALTER COLUMN email TYPE text USING trim(email)", catalog);
        linter.inspect("ALTER TABLE users ALTER COLUMN email TYPE varchar(20)", catalog);
        assertThat(linter.findings()).extracting(LintFinding::rule)
            .containsExactly(LintRule.CHANGE_COLUMN_TYPE, LintRule.CHANGE_COLUMN_TYPE);
    }

    @Test
    void foreignKeyTypeMismatchNamesBothSides() {
        TestCatalog catalog = TestCatalog.empty().primaryKey("users", "id").notNull("users.id", "bigint")
            .nullable("orders.user_id", "integer");
        MigrationLinter linter = linter(true);
        linter.inspect("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users "
                + "NOT VALID", catalog);
        linter.inspect("ALTER TABLE refunds ADD COLUMN user_id int REFERENCES users (id)", catalog);
        assertThat(linter.findings()).extracting(LintFinding::rule, LintFinding::subject).containsExactly(
                tuple(LintRule.FOREIGN_KEY_TYPE_MISMATCH,
                        "orders.user_id (integer) references users.id (bigint)"),
                tuple(LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID, "refunds.user_id"),
                tuple(LintRule.FOREIGN_KEY_TYPE_MISMATCH,
                        "refunds.user_id (int) references users.id (bigint)"));
    }

    @Test
    void concurrentlyInATransactionalMigrationFailsInPostgres() {
        assertThat(rules(true, "CREATE INDEX CONCURRENTLY users_email ON users (email)",
                "DROP INDEX CONCURRENTLY users_name", "REINDEX TABLE CONCURRENTLY users",
                "ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY"))
            .containsExactly(LintRule.CONCURRENTLY_IN_TRANSACTION, LintRule.CONCURRENTLY_IN_TRANSACTION,
                    LintRule.CONCURRENTLY_IN_TRANSACTION, LintRule.CONCURRENTLY_IN_TRANSACTION);
        assertThat(rules(true, "REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals")).isEmpty();
    }

    @Test
    void commentsLiteralsAndBodiesDoNotTriggerRules() {
        assertThat(rules(true, "-- ALTER TABLE users DROP COLUMN x\nSELECT 'ALTER TABLE users DROP COLUMN y'")).isEmpty();
        assertThat(rules(true, "INSERT INTO notes (body) VALUES ('CREATE INDEX i ON users (x)')")).isEmpty();
        assertThat(rules(true, "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ UPDATE users SET x = 1 $$")).isEmpty();
        assertThat(rules(true, "/* DROP TABLE users; */ CREATE TABLE t (id int)")).isEmpty();
        assertThat(rules(true, "SELECT 'unterminated")).isEmpty();
    }

    @Test
    void dropConstraintIsNotADropColumn() {
        assertThat(rules(true, "ALTER TABLE users DROP CONSTRAINT users_email_unique, DROP CONSTRAINT IF EXISTS x"))
            .isEmpty();
    }

    @Test
    void mysqlRulesReadMySqlSyntax() {
        MigrationLinter linter = new MigrationLinter(VERSION, null, SqlSyntax.MYSQL, true, true);
        linter.inspect("ALTER TABLE `users` ADD COLUMN `joined_at` datetime DEFAULT (now()), ALGORITHM = COPY, "
                + "LOCK = EXCLUSIVE");
        linter.inspect("/*!80000 ALTER TABLE users DROP COLUMN legacy_id */");
        linter.inspect("# a comment\nCREATE TABLE t (id int); ALTER TABLE t ADD COLUMN c int NOT NULL");
        assertThat(linter.findings()).extracting(LintFinding::rule).containsExactly(LintRule.MYSQL_COPY_ALGORITHM,
                LintRule.MYSQL_LOCKING, LintRule.MYSQL_EXPRESSION_DEFAULT, LintRule.DROP_COLUMN);
    }

    @Test
    void missingLockTimeoutIsReportedOnceWithTheFirstFinding() {
        MigrationLinter linter = linter(false);
        linter.inspect("ALTER TABLE users DROP COLUMN a");
        linter.inspect("ALTER TABLE users DROP COLUMN b");
        assertThat(linter.findings()).extracting(LintFinding::rule)
            .containsExactly(LintRule.DROP_COLUMN, LintRule.MISSING_LOCK_TIMEOUT, LintRule.DROP_COLUMN);
    }

    @Test
    void missingLockTimeoutIsQuietForSafeMigrations() {
        MigrationLinter linter = linter(false);
        linter.inspect("CREATE TABLE t (id bigint); CREATE INDEX ON t (id)");
        assertThat(linter.findings()).isEmpty();
    }

    @Test
    void safetyAssuredAcknowledgesListedRules() {
        MigrationLinter linter = new MigrationLinter(new AssuredDrop(), Dialect.POSTGRESQL, true);
        linter.inspect("ALTER TABLE users DROP COLUMN legacy_id");
        linter.inspect("ALTER TABLE users RENAME COLUMN a TO b");
        assertThat(linter.findings()).hasSize(2);
        assertThat(linter.unacknowledged()).extracting(LintFinding::rule).containsExactly(LintRule.RENAME_COLUMN);
        assertThat(linter.findings().get(0).message()).contains("acknowledged: column unused since release 4.2");
    }

    @Test
    void findingMessageNamesVersionSubjectReasonAndRecipe() {
        LintFinding finding = linter(true).inspect("ALTER TABLE users RENAME COLUMN email TO mail").get(0);
        assertThat(finding.message()).contains("2024_01_15_143000", "RENAME_COLUMN", "users.email", "two-step rename");
    }

    private static MigrationLinter linter(boolean lockTimeoutSet) {
        return new MigrationLinter(VERSION, null, SqlSyntax.POSTGRESQL, true, lockTimeoutSet);
    }

    private static List<LintRule> rules(boolean transactional, String... statements) {
        MigrationLinter linter = new MigrationLinter(VERSION, null, SqlSyntax.POSTGRESQL, transactional, true);
        for (String sql : statements) {
            linter.inspect(sql);
        }
        return linter.findings().stream().map(LintFinding::rule).toList();
    }

    @SafetyAssured(reason = "column unused since release 4.2", rules = LintRule.DROP_COLUMN)
    static class AssuredDrop implements Migration {

        @Override
        public void up(MigrationConnection connection) {
        }

        @Override
        public MigrationVersion getVersion() {
            return VERSION;
        }

        @Override
        public String getDescription() {
            return "Drop legacy_id";
        }
    }
}
