package dev.saferoll.migrations.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static dev.saferoll.migrations.cli.CommandTestMigrations.FIRST;
import static dev.saferoll.migrations.cli.CommandTestMigrations.NEWEST;
import static dev.saferoll.migrations.cli.CommandTestMigrations.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class MigrationsCommandsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T14:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private TestDatabase database;

    private Migrations migrations;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        this.migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(CommandTestMigrations.all())
            .build();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void statusListsEveryMigrationWithItsStateAndTheCurrentVersion() {
        this.migrations.migrate(dev.saferoll.migrations.MigrateOptions.defaults()
            .withTarget(dev.saferoll.migrations.MigrationTarget.upTo(MigrationVersion.fromTimestamp(SECOND))));
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:status"))).isZero();
        assertThat(console.output()).contains("VERSION", "DOMAIN", "STATE", "REVERSIBLE", "APPLIED AT", "TIME",
                "SIZE DELTA", "DESCRIPTION")
            .containsPattern(FIRST + "\\s+Catalog\\s+APPLIED\\s+yes\\s+\\d{4}-\\d\\d-\\d\\d")
            .containsPattern(NEWEST + "\\s+Catalog\\s+PENDING\\s+no\\s+-\\s+-\\s+-\\s+Remove legacy_code column")
            .contains("Current version: " + SECOND, "pending: 1", "db:migrate");
    }

    @Test
    void statusNamesChangesMadeByHandSinceTheLastRun() {
        migrateUpTo(SECOND);
        this.database.execute("CREATE INDEX by_hand ON widgets (name)");
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:status"))).isZero();
        assertThat(console.output()).contains("The schema changed outside migrations since the last run")
            .contains("+ index by_hand: CREATE INDEX by_hand ON public.widgets USING btree (name)");
    }

    @Test
    void dryRunReportsTheStatementsAndChangesNothing() {
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:migrate", "--dry-run"))).isZero();
        assertThat(console.output()).contains("Dry run", "CREATE TABLE", "3 migrations would be applied")
            .contains("lint: " + NEWEST + " DROP_COLUMN on widgets.legacy_code");
        assertThat(this.database.tableExists("widgets")).isFalse();
        assertThat(this.migrations.status().pending()).hasSize(3);
    }

    @Test
    void migrateAppliesPendingMigrationsAndThenHasNothingToDo() {
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = commands(console, false);
        assertThat(commands.run(List.of("db:migrate"))).isZero();
        assertThat(console.output()).contains("Applied 3 migrations; current version " + NEWEST);
        assertThat(this.database.tableExists("widgets")).isTrue();
        assertThat(commands.run(List.of("db:migrate", "--dry-run"))).isZero();
        assertThat(console.output()).contains("Nothing to migrate: nothing pending");
    }

    @Test
    void rollbackOfAForwardOnlyMigrationIsRefusedWithTheSeedsRecommendation() {
        this.migrations.migrate();
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:rollback", "1", "--force")))
            .isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(console.output()).contains("Safety Check: Only migrations implementing SafelyReversible",
                "Rollback failed: Migration " + NEWEST + " (Remove legacy_code column from widgets) does not support"
                        + " safe rollback",
                "Reason: Data loss would occur during rollback.", "Recommendation:",
                "java -jar app.jar make:migration FixYourChanges")
            .doesNotContain("Exception", "\tat ");
        assertThat(this.migrations.status().currentVersion()).contains(MigrationVersion.fromTimestamp(NEWEST));
    }

    @Test
    void rollbackWithoutATerminalAndWithoutForceIsRefused() {
        migrateUpTo(SECOND);
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:rollback"))).isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(console.output()).contains("needs confirmation and no terminal is attached", "--force");
        assertThat(this.migrations.status().currentVersion()).contains(MigrationVersion.fromTimestamp(SECOND));
    }

    @Test
    void rollbackAsksForConfirmationAndRunsOnlyAfterYes() {
        migrateUpTo(SECOND);
        RecordingConsole declined = RecordingConsole.answering("no");
        assertThat(commands(declined, false).run(List.of("db:rollback"))).isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(declined.output()).contains("Add colour to widgets", "Type 'yes' to continue", "Cancelled");
        assertThat(this.migrations.status().currentVersion()).contains(MigrationVersion.fromTimestamp(SECOND));

        RecordingConsole confirmed = RecordingConsole.answering("yes");
        assertThat(commands(confirmed, false).run(List.of("db:rollback"))).isZero();
        assertThat(confirmed.output()).contains("Rolled back 1 migration; current version " + FIRST);
        assertThat(this.migrations.status().find(MigrationVersion.fromTimestamp(SECOND)).orElseThrow().state())
            .isEqualTo(MigrationState.ROLLED_BACK);
    }

    @Test
    void rollbackThatWouldDropRowsIsRefusedByTheDataLossGuard() {
        migrateUpTo(FIRST);
        this.database.execute("INSERT INTO widgets (name) VALUES ('precious')");
        RecordingConsole console = RecordingConsole.answering("yes");
        assertThat(commands(console, false).run(List.of("db:rollback"))).isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(console.output()).contains("Rollback refused: Rollback of " + FIRST, "Nothing was changed",
                "make:migration FixYourChanges");
        assertThat(this.database.queryForLong("SELECT count(*) FROM widgets")).isEqualTo(1);
    }

    @Test
    void forceOnlySkipsTheConfirmationAndPassingTheGuardNeedsItsOwnFlag() {
        migrateUpTo(FIRST);
        this.database.execute("INSERT INTO widgets (name) VALUES ('precious')");
        RecordingConsole forced = RecordingConsole.noTerminal();
        assertThat(commands(forced, false).run(List.of("db:rollback", "--force")))
            .isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(forced.output()).contains("--allow-data-loss");
        assertThat(this.database.queryForLong("SELECT count(*) FROM widgets")).isEqualTo(1);

        RecordingConsole allowed = RecordingConsole.noTerminal();
        assertThat(commands(allowed, false).run(List.of("db:rollback", "--force", "--allow-data-loss"))).isZero();
        assertThat(this.database.tableExists("widgets")).isFalse();
    }

    @Test
    void aConfirmedRollbackIsRefusedWhenAnotherMigrationWasAppliedWhileTheUserRead() {
        migrateUpTo(FIRST);
        RecordingConsole console = RecordingConsole.answeringAfter(() -> migrateUpTo(SECOND), "yes");
        assertThat(commands(console, false).run(List.of("db:rollback"))).isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(console.output()).contains(FIRST, "confirm again");
        assertThat(this.migrations.status().currentVersion()).contains(MigrationVersion.fromTimestamp(SECOND));
        assertThat(this.migrations.status().find(MigrationVersion.fromTimestamp(FIRST)).orElseThrow().state())
            .isEqualTo(MigrationState.APPLIED);
    }

    @Test
    void migrateWithAStepAppliesOnlyTheNextMigration() {
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:migrate", "--step=1"))).isZero();
        assertThat(console.output()).contains("Applied 1 migration; current version " + FIRST);
        assertThat(this.migrations.status().pending()).hasSize(2);
    }

    @Test
    void anUnknownOptionIsAUsageErrorAndRunsNothing() {
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:migrate", "--stpe=1")))
            .isEqualTo(CommandExitCode.USAGE.code());
        assertThat(console.output()).contains("Unknown option '--stpe'", "Usage:");
        assertThat(this.migrations.status().pending()).hasSize(3);
    }

    @Test
    void rollbackMoreStepsThanAppliedIsAUsageError() {
        migrateUpTo(FIRST);
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:rollback", "5", "--force")))
            .isEqualTo(CommandExitCode.USAGE.code());
        assertThat(console.output()).contains("5");
    }

    @Test
    void freshIsRefusedUnlessEnabled() {
        this.migrations.migrate();
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:fresh", "--force")))
            .isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(console.output()).contains("migrations.fresh.enabled=true");
        assertThat(this.database.tableExists("widgets")).isTrue();
    }

    @Test
    void freshWhenEnabledAndConfirmedRebuildsTheDatabase() {
        this.migrations.migrate();
        this.database.execute("INSERT INTO widgets (name) VALUES ('kept?')");
        RecordingConsole console = RecordingConsole.answering("yes");
        assertThat(commands(console, true).run(List.of("db:fresh"))).isZero();
        assertThat(console.output()).contains("All data is lost", "Fresh database: applied 3 migrations");
        assertThat(this.database.queryForLong("SELECT count(*) FROM widgets")).isZero();
    }

    @Test
    void resetOfAVersionWithoutAFailedRecordFails() {
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:reset", FIRST))).isEqualTo(CommandExitCode.FAILURE.code());
        assertThat(console.output()).contains(FIRST + " has no FAILED record");
    }

    @Test
    void baselineRecordsMigrationsWithoutRunningThem() {
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:baseline", FIRST))).isZero();
        assertThat(console.output()).contains("Recorded 1 migration as APPLIED", FIRST);
        assertThat(this.database.tableExists("widgets")).isFalse();
    }

    @Test
    void usageErrorsPrintTheUsageAndNameTheBadValue() {
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console, false).run(List.of("db:rollback", "abc")))
            .isEqualTo(CommandExitCode.USAGE.code());
        assertThat(console.output()).contains("Invalid steps 'abc'", "Usage: java -jar app.jar COMMAND");
    }

    @Test
    void makeMigrationWritesTheClassAndRefusesToOverwriteIt() {
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = commands(console, false);
        assertThat(commands.run(List.of("make:migration", "CreateInvoicesTable", "Billing"))).isZero();
        Path file = this.directory.resolve("com/example/shop/billing/CreateInvoicesTable.java");
        assertThat(file).exists().content().contains("MigrationVersion.fromTimestamp(\"2026_11_21_143000\")");
        assertThat(console.output()).contains("Created forward-only migration com.example.shop.billing"
                + ".CreateInvoicesTable (version 2026_11_21_143000)");
        assertThat(commands.run(List.of("make:migration", "CreateInvoicesTable", "Billing")))
            .isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(console.output()).contains("Refused: " + file + " already exists");
    }

    @Test
    void aMissingDatabaseIsAFailureWithoutAStackTrace() {
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = new MigrationsCommands(() -> null, settings(false), console, CLOCK);
        assertThat(commands.run(List.of("db:status"))).isEqualTo(CommandExitCode.FAILURE.code());
        assertThat(console.output()).contains("No Migrations bean", "spring.datasource.url");
    }

    private void migrateUpTo(String version) {
        this.migrations.migrate(dev.saferoll.migrations.MigrateOptions.defaults()
            .withTarget(dev.saferoll.migrations.MigrationTarget.upTo(MigrationVersion.fromTimestamp(version))));
    }

    private MigrationsCommands commands(RecordingConsole console, boolean freshEnabled) {
        return new MigrationsCommands(() -> this.migrations, settings(freshEnabled), console, CLOCK);
    }

    private MigrationsCommands.Settings settings(boolean freshEnabled) {
        return new MigrationsCommands.Settings("java -jar app.jar", freshEnabled, this.directory, "com.example.shop");
    }
}
