package dev.saferoll.migrations.internal.check;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.safety.LintFinding;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.safety.SafetyAssured;
import dev.saferoll.migrations.schema.Blueprint;
import dev.saferoll.migrations.schema.Schema;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationLinterTests {

    private static final MigrationVersion VERSION = MigrationVersion.fromTimestamp("2024_01_15_143000");

    @Test
    void addNotNullColumnWithoutDefaultFires() {
        assertRules(alter((t) -> t.string("email")), LintRule.ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT);
        assertRawRules("ALTER TABLE users ADD COLUMN price numeric(10,2) NOT NULL",
                LintRule.ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT);
    }

    @Test
    void addNullableColumnOrNotNullWithDefaultIsQuiet() {
        assertRules(alter((t) -> t.string("email").nullable()));
        assertRules(alter((t) -> t.bool("active").defaultTo(true)));
        assertRawRules("ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true");
        assertRawRules("ALTER TABLE users ADD COLUMN bio text");
    }

    @Test
    void nonConcurrentIndexOnExistingTableFires() {
        assertRules(alter((t) -> t.index("email")), LintRule.NON_CONCURRENT_INDEX);
        assertRawRules("CREATE INDEX idx_users_email ON users (email)", LintRule.NON_CONCURRENT_INDEX);
    }

    @Test
    void concurrentIndexOrIndexOnNewTableIsQuiet() {
        assertRules(alter((t) -> t.index("email").concurrently()));
        assertRules(create((t) -> {
            t.id();
            t.string("email");
            t.index("email");
        }));
        assertRawRules("CREATE INDEX CONCURRENTLY idx_users_email ON users (email)");
        MigrationLinter linter = linter(true);
        linter.inspect("CREATE TABLE fresh (id bigint)");
        assertThat(linter.inspect("CREATE INDEX fresh_id ON fresh (id)")).isEmpty();
    }

    @Test
    void oneStepRenameColumnFires() {
        assertRules(alter((t) -> t.renameColumn("email", "email_address")), LintRule.RENAME_COLUMN);
        assertRawRules("ALTER TABLE users RENAME COLUMN email TO email_address", LintRule.RENAME_COLUMN);
    }

    @Test
    void twoStepRenameIsQuiet() {
        assertRules(alter((t) -> t.string("email_address").nullable()));
        assertRawRules("UPDATE users SET email_address = email WHERE email_address IS NULL");
    }

    @Test
    void renameTableFires() {
        Schema schema = new Schema(Dialect.POSTGRESQL).rename("users", "accounts");
        assertRules(schema, LintRule.RENAME_TABLE);
        assertRawRules("ALTER TABLE users RENAME TO accounts", LintRule.RENAME_TABLE);
    }

    @Test
    void typeChangeFires() {
        assertRules(alter((t) -> t.text("bio").nullable().change()), LintRule.CHANGE_COLUMN_TYPE);
        assertRawRules("ALTER TABLE users ALTER COLUMN bio TYPE text", LintRule.CHANGE_COLUMN_TYPE);
    }

    @Test
    void dropColumnFires() {
        assertRules(alter((t) -> t.dropColumn("legacy_id")), LintRule.DROP_COLUMN);
        assertRawRules("ALTER TABLE users DROP COLUMN legacy_id", LintRule.DROP_COLUMN);
    }

    @Test
    void dropConstraintIsNotADropColumn() {
        assertRawRules("ALTER TABLE users DROP CONSTRAINT users_email_unique");
    }

    @Test
    void foreignKeyWithoutNotValidFires() {
        assertRules(alter((t) -> t.foreign("user_id").references("id").on("users")),
                LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID);
        assertRawRules("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)",
                LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID);
    }

    @Test
    void foreignKeyNotValidIsQuiet() {
        assertRules(alter((t) -> t.foreign("user_id").references("id").on("users").notValid()));
        assertRawRules("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) "
                + "NOT VALID");
        assertRawRules("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk");
    }

    @Test
    void checkWithoutNotValidFires() {
        assertRules(alter((t) -> t.check("price_positive", "price > 0")), LintRule.CHECK_WITHOUT_NOT_VALID);
        assertRawRules("ALTER TABLE orders ADD CONSTRAINT price_positive CHECK (price > 0)",
                LintRule.CHECK_WITHOUT_NOT_VALID);
    }

    @Test
    void checkNotValidIsQuiet() {
        assertRules(alter((t) -> t.check("price_positive", "price > 0").notValid()));
        assertRawRules("ALTER TABLE orders ADD CONSTRAINT price_positive CHECK (price > 0) NOT VALID");
    }

    @Test
    void setNotNullFires() {
        assertRawRules("ALTER TABLE users ALTER COLUMN email SET NOT NULL", LintRule.SET_NOT_NULL);
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
        linter.inspect("CREATE TABLE t (id bigint)");
        assertThat(linter.findings()).isEmpty();
    }

    @Test
    void commentsAndLiteralsDoNotTriggerRules() {
        assertRawRules("-- ALTER TABLE users DROP COLUMN x\nSELECT 'ALTER TABLE users DROP COLUMN y'");
        assertRawRules("INSERT INTO notes (body) VALUES ('CREATE INDEX i ON users (x)')");
    }

    @Test
    void safetyAssuredAcknowledgesListedRules() {
        MigrationLinter linter = new MigrationLinter(new AssuredDrop(), true);
        linter.inspect("ALTER TABLE users DROP COLUMN legacy_id");
        linter.inspect("ALTER TABLE users RENAME COLUMN a TO b");
        assertThat(linter.findings()).hasSize(2);
        assertThat(linter.unacknowledged()).extracting(LintFinding::rule).containsExactly(LintRule.RENAME_COLUMN);
        assertThat(linter.findings().get(0).message()).contains("acknowledged: column unused since release 4.2");
    }

    @Test
    void findingMessageNamesVersionSubjectReasonAndRecipe() {
        MigrationLinter linter = linter(true);
        LintFinding finding = linter.inspect("ALTER TABLE users RENAME COLUMN email TO mail").get(0);
        assertThat(finding.message()).contains("2024_01_15_143000", "RENAME_COLUMN", "users.email", "two-step rename");
    }

    private static Schema alter(Consumer<Blueprint> definition) {
        return new Schema(Dialect.POSTGRESQL).table("users", definition);
    }

    private static Schema create(Consumer<Blueprint> definition) {
        return new Schema(Dialect.POSTGRESQL).create("users", definition);
    }

    private static MigrationLinter linter(boolean lockTimeoutSet) {
        return new MigrationLinter(VERSION, null, lockTimeoutSet);
    }

    /** Lints the SQL the schema builder compiles, as a run sees it. */
    private static void assertRules(Schema schema, LintRule... expected) {
        MigrationLinter linter = linter(true);
        schema.toSql().forEach(linter::inspect);
        assertThat(linter.findings()).extracting(LintFinding::rule).containsExactly(expected);
    }

    private static void assertRawRules(String sql, LintRule... expected) {
        MigrationLinter linter = linter(true);
        linter.inspect(sql);
        assertThat(linter.findings()).extracting(LintFinding::rule).containsExactly(expected);
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
