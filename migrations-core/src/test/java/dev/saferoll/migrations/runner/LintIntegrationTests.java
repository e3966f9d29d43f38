package dev.saferoll.migrations.runner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.safety.LintFailedException;
import dev.saferoll.migrations.safety.LintMode;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.safety.SafetyAssured;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The zero-downtime lint inside real runs: warn applies and reports, fail refuses before the statement runs. */
class LintIntegrationTests {

    private static final TestMigration CREATE_USERS = TestMigration.forwardOnly("2024_01_01_000000", "Create users",
            (connection) -> {
                Schema schema = new Schema(connection);
                schema.create("users", (table) -> {
                    table.id();
                    table.string("email");
                    table.integer("legacy_id").nullable();
                });
                schema.execute();
            });

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void warnAppliesAndReportsFindingsInTheOutcome() {
        MigrateResult result = migrations(LintMode.WARN, CREATE_USERS, dropLegacyId()).migrate();
        assertThat(result.count()).isEqualTo(2);
        assertThat(this.database.columns("users")).doesNotContain("legacy_id");
        assertThat(result.migrations().get(0).notes()).noneMatch((note) -> note.startsWith("lint:"));
        assertThat(result.migrations().get(1).notes()).anyMatch((note) -> note.contains("DROP_COLUMN on users.legacy_id"));
    }

    @Test
    void failRefusesBeforeTheStatementRunsAndRecordsNothing() {
        Migrations migrations = migrations(LintMode.FAIL, CREATE_USERS, dropLegacyId());
        assertThatExceptionOfType(LintFailedException.class).isThrownBy(migrations::migrate)
            .withMessageContaining("2024_01_02_000000")
            .withMessageContaining("DROP_COLUMN")
            .withMessageContaining("@SafetyAssured")
            .satisfies((ex) -> assertThat(ex.getFindings()).extracting((finding) -> finding.rule())
                .containsExactly(LintRule.DROP_COLUMN));
        assertThat(this.database.columns("users")).contains("legacy_id");
        assertThat(this.database.queryForStrings("SELECT version || ' ' || status FROM schema_migrations"))
            .containsExactly("2024_01_01_000000 APPLIED");
    }

    @Test
    void failAcceptsAcknowledgedFindings() {
        MigrateResult result = migrations(LintMode.FAIL, CREATE_USERS, new AssuredDropLegacyId()).migrate();
        assertThat(result.count()).isEqualTo(2);
        assertThat(result.migrations().get(1).notes())
            .anyMatch((note) -> note.contains("acknowledged: legacy_id unused since 4.2"));
    }

    @Test
    void rawSqlIsLintedToo() {
        TestMigration index = TestMigration.forwardOnly("2024_01_02_000000", "Index email",
                (connection) -> connection.execute("SELECT 1; CREATE INDEX ON users (email)"));
        Migrations migrations = migrations(LintMode.FAIL, CREATE_USERS, index);
        assertThatExceptionOfType(LintFailedException.class).isThrownBy(migrations::migrate)
            .withMessageContaining("NON_CONCURRENT_INDEX");
    }

    @Test
    void dryRunReportsEveryFindingEvenInFailMode() {
        Migrations migrations = migrations(LintMode.FAIL, CREATE_USERS, dropLegacyId());
        MigrateResult result = migrations.migrate(MigrateOptions.defaults().withDryRun(true));
        assertThat(result.migrations().get(1).notes()).anyMatch((note) -> note.contains("DROP_COLUMN"));
        assertThat(this.database.tableExists("users")).isFalse();
    }

    @Test
    void offReportsNothing() {
        MigrateResult result = migrations(LintMode.OFF, CREATE_USERS, dropLegacyId()).migrate();
        assertThat(result.migrations().get(1).notes()).noneMatch((note) -> note.startsWith("lint:"));
    }

    @Test
    void foreignKeyTypesAreReadFromTheLiveCatalog() {
        TestMigration orders = TestMigration.forwardOnly("2024_01_02_000000", "Orders",
                (connection) -> connection.execute("CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer); "
                        + "CREATE TABLE refunds (id bigint PRIMARY KEY, user_id bigint)"));
        TestMigration keys = TestMigration.forwardOnly("2024_01_03_000000", "Order keys", (connection) -> {
            connection.execute("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) "
                    + "REFERENCES users NOT VALID");
            connection.execute("ALTER TABLE refunds ADD CONSTRAINT refunds_user_fk FOREIGN KEY (user_id) "
                    + "REFERENCES users (id) NOT VALID");
        });
        MigrateResult result = migrations(LintMode.WARN, CREATE_USERS, orders, keys).migrate();
        assertThat(result.migrations().get(2).notes()).singleElement().asString()
            .contains("FOREIGN_KEY_TYPE_MISMATCH on orders.user_id (integer) references users.id (bigint)");
    }

    @Test
    void theRecommendedRecipesPassFailModeOnARealDatabase() {
        TestMigration recipe = TestMigration.forwardOnly("2024_01_02_000000", "Email required, wider", (connection) -> {
            connection.execute("ALTER TABLE users ADD CONSTRAINT users_legacy_nn CHECK (legacy_id IS NOT NULL) "
                    + "NOT VALID");
            connection.execute("UPDATE users SET legacy_id = 0 WHERE legacy_id IS NULL");
            connection.execute("ALTER TABLE users VALIDATE CONSTRAINT users_legacy_nn");
            connection.execute("ALTER TABLE users ALTER COLUMN legacy_id SET NOT NULL");
            Schema schema = new Schema(connection);
            schema.table("users", (table) -> table.string("email", 500).change());
            schema.execute();
            connection.execute("ALTER TABLE users ALTER COLUMN email TYPE text");
        });
        MigrateResult result = migrations(LintMode.FAIL, CREATE_USERS, recipe).migrate();
        assertThat(result.count()).isEqualTo(2);
        assertThat(result.migrations().get(1).notes()).isEmpty();
        assertThat(this.database.queryForStrings("SELECT data_type || ' ' || is_nullable FROM "
                + "information_schema.columns WHERE table_name = 'users' AND column_name IN ('email', 'legacy_id') "
                + "ORDER BY column_name")).containsExactly("text NO", "integer NO");
    }

    @Test
    void concurrentlyInATransactionalMigrationIsRefusedBeforePostgresRejectsIt() {
        TestMigration index = TestMigration.forwardOnly("2024_01_02_000000", "Index email concurrently",
                (connection) -> connection.execute("CREATE INDEX CONCURRENTLY ON users (email)"));
        Migrations migrations = migrations(LintMode.FAIL, CREATE_USERS, index);
        assertThatExceptionOfType(LintFailedException.class).isThrownBy(migrations::migrate)
            .withMessageContaining("CONCURRENTLY_IN_TRANSACTION")
            .withMessageContaining("isTransactional()");
        TestMigration outside = TestMigration.nonTransactional("2024_01_02_000000", "Index email concurrently",
                (connection) -> connection.execute("CREATE INDEX CONCURRENTLY ON users (email)"));
        assertThat(migrations(LintMode.FAIL, CREATE_USERS, outside).migrate().count()).isEqualTo(1);
    }

    private Migrations migrations(LintMode mode, Migration... migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations).lintMode(mode)
            .build();
    }

    private static TestMigration dropLegacyId() {
        return TestMigration.forwardOnly("2024_01_02_000000", "Drop legacy_id", LintIntegrationTests::dropLegacy);
    }

    private static void dropLegacy(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.table("users", (table) -> table.dropColumn("legacy_id"));
        schema.execute();
    }

    @SafetyAssured(reason = "legacy_id unused since 4.2", rules = LintRule.DROP_COLUMN)
    static class AssuredDropLegacyId implements Migration {

        @Override
        public void up(MigrationConnection connection) {
            dropLegacy(connection);
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromTimestamp("2024_01_02_000000");
        }

        @Override
        public String getDescription() {
            return "Drop legacy_id";
        }
    }
}
