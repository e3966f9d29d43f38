package dev.saferoll.migrations.runner;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.SchemaSnapshot;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An executed dry run reports what each statement really did, read from PostgreSQL: the lock it took on each table
 * that existed before the run, whether it rewrote the table, and the table's estimated rows and size.
 */
class DryRunImpactTests {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        this.database.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text, score integer)");
        this.database.execute("INSERT INTO users SELECT g, 'u' || g || '@example.com', g FROM "
                + "generate_series(1, 10000) g");
        this.database.execute("ANALYZE users");
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void aTypeChangeRewritesTheTableUnderAccessExclusive() {
        MigrationOutcome outcome = dryRun(TestMigration.forwardOnly("2024_01_01_000000", "Widen score",
                (connection) -> connection.execute("ALTER TABLE users ALTER COLUMN score TYPE bigint")));
        assertThat(outcome.notes()).element(0).asString()
            .matches("impact of statement 1: ACCESS EXCLUSIVE on users \\(≈10 k rows, [0-9.]+ [kMG]?B\\), table rewritten");
        assertThat(outcome.notes()).anySatisfy((note) -> assertThat(note).startsWith("lint: ")
            .contains("CHANGE_COLUMN_TYPE on users.score")
            .contains("[measured: ACCESS EXCLUSIVE on users (≈10 k rows, ")
            .endsWith("table rewritten]"));
    }

    @Test
    void aNullableColumnTakesAccessExclusiveWithoutARewrite() {
        MigrationOutcome outcome = dryRun(TestMigration.forwardOnly("2024_01_01_000000", "Add nickname",
                (connection) -> connection.execute("ALTER TABLE users ADD COLUMN nickname text")));
        assertThat(outcome.notes()).containsExactly(outcome.notes().get(0));
        assertThat(outcome.notes().get(0))
            .matches("impact of statement 1: ACCESS EXCLUSIVE on users \\(≈10 k rows, [0-9.]+ [kMG]?B\\)");
    }

    @Test
    void anIndexTakesShareAndANewTableLocksNothingThatExisted() {
        MigrationOutcome outcome = dryRun(TestMigration.forwardOnly("2024_01_01_000000", "Index and tags",
                (connection) -> {
                    connection.execute("CREATE INDEX ON users (email)");
                    connection.execute("CREATE TABLE tags (id bigint PRIMARY KEY, user_id bigint)");
                    connection.execute("CREATE INDEX ON tags (user_id)");
                }));
        assertThat(outcome.notes()).filteredOn((note) -> note.startsWith("impact")).containsExactly(
                outcome.notes().get(0),
                "impact of statement 2: no new lock on any table that existed before the run",
                "impact of statement 3: no new lock on any table that existed before the run");
        assertThat(outcome.notes().get(0)).matches("impact of statement 1: SHARE on users \\(≈10 k rows, [0-9.]+ [kMG]?B\\)");
        assertThat(outcome.notes()).anySatisfy((note) -> assertThat(note)
            .contains("NON_CONCURRENT_INDEX on users")
            .endsWith("[measured: " + outcome.notes().get(0).substring("impact of statement 1: ".length()) + "]"));
    }

    @Test
    void locksAccumulateSoOnlyNewOrStrongerOnesAreReported() {
        MigrationOutcome outcome = dryRun(TestMigration.forwardOnly("2024_01_01_000000", "Several steps",
                (connection) -> {
                    connection.execute("CREATE INDEX users_email ON users (email)");
                    connection.execute("ALTER TABLE users ADD COLUMN nickname text");
                    connection.execute("CREATE INDEX users_score ON users (score)");
                    connection.execute("ALTER TABLE users ALTER COLUMN score TYPE bigint");
                }));
        List<String> impacts = outcome.notes().stream().filter((note) -> note.startsWith("impact")).toList();
        assertThat(impacts).hasSize(4);
        assertThat(impacts.get(0)).startsWith("impact of statement 1: SHARE on users");
        assertThat(impacts.get(1)).startsWith("impact of statement 2: ACCESS EXCLUSIVE on users")
            .doesNotContain("rewritten");
        assertThat(impacts.get(2))
            .isEqualTo("impact of statement 3: no new lock on any table that existed before the run");
        assertThat(impacts.get(3)).startsWith("impact of statement 4: ACCESS EXCLUSIVE (already held) on users")
            .endsWith("table rewritten");
    }

    @Test
    void tablesCreatedEarlierInTheRunAreNotReportedAndNothingChanges() {
        SchemaSnapshot before = SchemaSnapshot.of(this.database);
        Migration create = TestMigration.forwardOnly("2024_01_01_000000", "Create tags",
                (connection) -> connection.execute("CREATE TABLE tags (id bigint)"));
        Migration alter = TestMigration.forwardOnly("2024_01_02_000000", "Alter tags",
                (connection) -> connection.execute("ALTER TABLE tags ALTER COLUMN id TYPE text"));
        MigrateResult result = migrations(create, alter).migrate(MigrateOptions.defaults().withDryRun(true));
        assertThat(result.migrations().get(1).notes()).contains(
                "impact of statement 1: no new lock on any table that existed before the run");
        assertThat(SchemaSnapshot.of(this.database)).isEqualTo(before);
        assertThat(this.database.tableExists("tags")).isFalse();
    }

    @Test
    void locksOfEarlierMigrationsInTheSameDryRunAreSaidToHideLaterOnes() {
        Migration drop = TestMigration.forwardOnly("2024_01_01_000000", "Add nickname",
                (connection) -> connection.execute("ALTER TABLE users ADD COLUMN nickname text"));
        Migration update = TestMigration.forwardOnly("2024_01_02_000000", "Fill nickname",
                (connection) -> connection.execute("UPDATE users SET nickname = 'x' WHERE id < 10"));
        MigrateResult result = migrations(drop, update).migrate(MigrateOptions.defaults().withDryRun(true));
        assertThat(result.migrations().get(1).notes()).containsExactly("impact of statement 1: no new lock, but "
                + "earlier migrations of this dry run already hold ACCESS EXCLUSIVE on users, which hides what this "
                + "statement takes there (a real run commits in between)");
    }

    private MigrationOutcome dryRun(Migration migration) {
        MigrateResult result = migrations(migration).migrate(MigrateOptions.defaults().withDryRun(true));
        assertThat(result.dryRun()).isTrue();
        return result.migrations().get(0);
    }

    private Migrations migrations(Migration... migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations).build();
    }
}
