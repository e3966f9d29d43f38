package dev.saferoll.migrations.runner;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ValidationTests {

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
    void duplicateVersionsNameBothClasses() {
        Migrations migrations = builder().migrations(table("2024_01_01_000000", "a"), new Duplicate()).build();
        assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(migrations::migrate)
            .withMessageContaining("2024_01_01_000000")
            .withMessageContaining(TestMigration.class.getName())
            .withMessageContaining(Duplicate.class.getName());
        assertThat(this.database.tableExists("a")).isFalse();
    }

    @Test
    void missingMigrationFailsUnlessAllowed() {
        builder().migrations(table("2024_01_01_000000", "a"), table("2024_01_02_000000", "b")).build().migrate();
        Migration onlyA = table("2024_01_01_000000", "a");
        assertThatExceptionOfType(MigrationValidationException.class)
            .isThrownBy(() -> builder().migrations(onlyA, table("2024_01_03_000000", "c")).build().migrate())
            .withMessageContaining("2024_01_02_000000")
            .withMessageContaining("no longer in the code");
        Migrations lenient = builder().migrations(onlyA, table("2024_01_03_000000", "c")).failOnMissing(false).build();
        assertThat(lenient.migrate().count()).isEqualTo(1);
        assertThat(lenient.status().find(MigrationVersion.fromTimestamp("2024_01_02_000000")).get().state())
            .isEqualTo(MigrationState.MISSING);
    }

    @Test
    void outOfOrderIsRefusedUnlessAllowed() {
        builder().migrations(table("2024_01_02_000000", "b")).build().migrate();
        List<Migration> both = List.of(table("2024_01_01_000000", "a"), table("2024_01_02_000000", "b"));
        Migrations strict = builder().migrations(both).build();
        assertThat(strict.status().find(MigrationVersion.fromTimestamp("2024_01_01_000000")).get().state())
            .isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(strict::migrate)
            .withMessageContaining("older than the current version 2024_01_02_000000")
            .withMessageContaining("migrations.out-of-order=true");
        assertThat(builder().migrations(both).outOfOrder(true).build().migrate().count()).isEqualTo(1);
        assertThat(this.database.tableExists("a")).isTrue();
    }

    @Test
    void rollbackStepsOutOfRangeAreRefusedWithClearMessages() {
        Migrations migrations = builder().migrations(reversibleTable("2024_01_01_000000", "a")).build();
        migrations.migrate();
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> migrations.rollback(0, RollbackOptions.defaults()))
            .withMessageContaining("steps must be at least 1 but was 0")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.INVALID_INPUT));
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> migrations.rollback(-1, RollbackOptions.defaults()))
            .withMessageContaining("but was -1");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> migrations.rollback(2, RollbackOptions.defaults()))
            .withMessageContaining("Cannot roll back 2 step(s): only 1 migration(s) are applied")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.INVALID_INPUT));
        assertThat(this.database.tableExists("a")).isTrue();
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("APPLIED");
    }

    @Test
    void dryRunChangesNothingAndReportsStatementsOfEveryPendingMigrationInOneTransaction() {
        Migration createA = table("2024_01_01_000000", "a");
        Migration fillA = TestMigration.forwardOnly("2024_01_02_000000", "fill a",
                (connection) -> connection.execute("INSERT INTO a (id) VALUES (DEFAULT)"));
        Migrations migrations = builder().migrations(createA, fillA).build();
        MigrateResult result = migrations.migrate(MigrateOptions.defaults().withDryRun(true));
        assertThat(result.dryRun()).isTrue();
        assertThat(result.migrations()).extracting(MigrationOutcome::outcome)
            .containsExactly(MigrationOutcome.Outcome.DRY_RUN, MigrationOutcome.Outcome.DRY_RUN);
        assertThat(result.migrations().get(0).statements()).anyMatch((sql) -> sql.startsWith("CREATE TABLE \"a\""));
        assertThat(result.migrations().get(1).statements()).containsExactly("INSERT INTO a (id) VALUES (DEFAULT)");
        assertThat(this.database.tableExists("a")).isFalse();
        assertThat(this.database.tableExists("schema_migrations")).isFalse();
        assertThat(migrations.preview(MigrationVersion.fromTimestamp("2024_01_01_000000"))).get()
            .satisfies((outcome) -> assertThat(outcome.statements()).isNotEmpty());
        assertThat(migrations.status().count(MigrationState.PENDING)).isEqualTo(2);
    }

    @Test
    void historyRowRecordsTimeSizesAndWhoAppliedIt() {
        builder().migrations(table("2024_01_01_000000", "a")).build().migrate();
        assertThat(this.database.queryForStrings("SELECT version || '|' || description || '|' || domain || '|' || "
                + "reversible || '|' || status || '|' || (execution_time_ms >= 0) || '|' || (size_before_bytes > 0) "
                + "|| '|' || (size_after_bytes > 0) || '|' || (applied_at IS NOT NULL) FROM schema_migrations"))
            .containsExactly("2024_01_01_000000|create a|Test|false|APPLIED|true|true|true|true");
        assertThat(this.database.queryForStrings("SELECT applied_by FROM schema_migrations")).singleElement()
            .asString()
            .startsWith(this.database.user() + "@");
    }

    @Test
    void nonTransactionalConcurrentIndexMigrationApplies() {
        Migration index = TestMigration.nonTransactional("2024_01_02_000000", "index a.label concurrently",
                (connection) -> new Schema(connection).table("a", (table) -> table.index("label")
                    .name("a_label_index")
                    .concurrently()).execute());
        Migrations migrations = builder().migrations(table("2024_01_01_000000", "a"), index)
            .statementTimeout(java.time.Duration.ofMinutes(1))
            .build();
        assertThat(migrations.migrate().count()).isEqualTo(2);
        assertThat(this.database.queryForStrings("SELECT indexname FROM pg_indexes WHERE tablename = 'a'"))
            .contains("a_label_index");
    }

    @Test
    void listenerThatThrowsDoesNotBreakTheRun() {
        MigrationListener broken = new MigrationListener() {
            @Override
            public void migrationFinished(MigrationOutcome outcome) {
                throw new IllegalStateException("listener bug");
            }
        };
        Migrations migrations = builder().migrations(table("2024_01_01_000000", "a")).listener(broken).build();
        assertThat(migrations.migrate().count()).isEqualTo(1);
    }

    @Test
    void baselineRecordsWithoutRunning() {
        Migrations migrations = builder().migrations(table("2024_01_01_000000", "a"), table("2024_01_02_000000", "b"))
            .build();
        assertThat(migrations.baseline(MigrationVersion.fromTimestamp("2024_01_01_000000")))
            .containsExactly(MigrationVersion.fromTimestamp("2024_01_01_000000"));
        assertThat(this.database.tableExists("a")).isFalse();
        assertThat(migrations.migrate().count()).isEqualTo(1);
        assertThat(this.database.tableExists("b")).isTrue();
    }

    private MigrationsConfiguration.Builder builder() {
        return Migrations.builder().dataSource(this.database.dataSource());
    }

    private static Migration table(String version, String name) {
        return TestMigration.forwardOnly(version, "create " + name, (connection) -> new Schema(connection)
            .create(name, (table) -> {
                table.id();
                table.string("label").nullable();
            })
            .execute());
    }

    private static Migration reversibleTable(String version, String name) {
        return TestMigration.reversible(version, "create " + name, (connection) -> new Schema(connection)
            .create(name, (table) -> table.id())
            .execute(), (connection) -> new Schema(connection).dropIfExists(name).execute());
    }

    static final class Duplicate extends TestMigration {

        Duplicate() {
            super("2024_01_01_000000", "duplicate", (connection) -> {
            }, true);
        }
    }
}
