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
                (connection) -> connection.execute("CREATE INDEX users_email ON users (email)"));
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
