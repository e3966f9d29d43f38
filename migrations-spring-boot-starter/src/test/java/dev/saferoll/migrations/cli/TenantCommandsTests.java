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

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.tenant.MigrationTenants;
import dev.saferoll.migrations.tenant.TenantMigrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static dev.saferoll.migrations.cli.CommandTestMigrations.NEWEST;
import static dev.saferoll.migrations.cli.CommandTestMigrations.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code --tenant} and {@code --all-tenants}, on real PostgreSQL schemas. */
class TenantCommandsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T14:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private TestDatabase database;

    private Migrations migrations;

    private TenantMigrations tenants;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        this.migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(CommandTestMigrations.all())
            .build();
        this.tenants = TenantMigrations.builder(this.migrations.getConfiguration())
            .tenants(MigrationTenants.ofSchemas(List.of("acme", "globex", "initech")))
            .build();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void oneTenantIsMigratedAndShownOnItsOwn() {
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = commands(console);

        assertThat(commands.run(List.of("db:migrate", "--tenant=acme", "--step=2"))).isZero();
        assertThat(commands.run(List.of("db:status", "--tenant=acme"))).isZero();

        assertThat(console.output()).contains("Tenant acme (schema acme)", "Applied 2 migrations",
                "Current version: " + SECOND, "pending: 1");
        assertThat(this.database.queryForLong("SELECT count(*) FROM acme.schema_migrations")).isEqualTo(2);
        assertThat(this.database.queryForLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'globex'"))
            .isZero();
    }

    @Test
    void allTenantsAreMigratedAndSummarised() {
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = commands(console);
        commands.run(List.of("db:migrate", "--tenant=acme"));

        assertThat(commands.run(List.of("db:status", "--all-tenants"))).isZero();
        assertThat(console.output()).containsPattern("globex\\s+PENDING\\s+0\\s+3\\s+none")
            .contains("Up to date: 1, pending: 2, running: 0, failed: 0, unreachable: 0");

        assertThat(commands.run(List.of("db:migrate", "--all-tenants"))).isZero();
        assertThat(console.output()).contains("2 migrated, 0 failed, 1 up to date");
        assertThat(this.tenants.status("initech").currentVersion()).hasToString(NEWEST);
    }

    @Test
    void aFailedTenantFailsTheCommandAndIsNamed() {
        this.database.execute("CREATE SCHEMA globex");
        this.database.execute("CREATE TABLE globex.widgets (id int)");
        RecordingConsole console = RecordingConsole.noTerminal();

        assertThat(commands(console).run(List.of("db:migrate", "--all-tenants"))).isEqualTo(1);

        assertThat(console.output()).containsPattern("globex\\s+Migration " + CommandTestMigrations.FIRST)
            .contains("2 migrated, 1 failed, 0 up to date; failed: globex", "db:reset VERSION --tenant=ID");
    }

    @Test
    void theCommandsAFailedTenantIsToldToRunNameThatTenant() {
        this.database.execute("CREATE SCHEMA globex");
        this.database.execute("CREATE TABLE globex.widgets (id int)");
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = commands(console);

        assertThat(commands.run(List.of("db:migrate", "--tenant=globex"))).isEqualTo(1);
        assertThat(console.output()).contains("db:reset " + CommandTestMigrations.FIRST + " --tenant=globex",
                "db:migrate --tenant=globex", "db:baseline " + CommandTestMigrations.FIRST,
                "Add --tenant=globex to each db: command named above.");

        assertThat(commands.run(List.of("db:reset", "2030_01_01_000000", "--tenant=globex"))).isEqualTo(1);
        assertThat(console.output()).contains("Check the versions with: java -jar app.jar db:status --tenant=globex");
    }

    @Test
    void aRollbackOfOneTenantKeepsTheGuard() {
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = commands(console);
        commands.run(List.of("db:migrate", "--tenant=acme", "--step=2"));
        commands.run(List.of("db:migrate", "--tenant=globex", "--step=2"));
        this.database.execute("INSERT INTO acme.widgets (name, colour) VALUES ('w', 'red')");

        assertThat(commands.run(List.of("db:rollback", "1", "--force", "--tenant=acme"))).isEqualTo(3);
        assertThat(console.output()).contains("Tenant acme", "Rollback refused", "colour");
        assertThat(this.tenants.status("acme").currentVersion()).hasToString(SECOND);

        assertThat(commands.run(List.of("db:rollback", "1", "--force", "--tenant=globex"))).isZero();
        assertThat(this.tenants.status("globex").currentVersion()).hasToString(CommandTestMigrations.FIRST);
    }

    @Test
    void withTenantsADatabaseCommandMustNameThemAndAnUnknownOneIsAUsageError() {
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = commands(console);

        assertThat(commands.run(List.of("db:status"))).isEqualTo(2);
        assertThat(console.output()).contains("name one with --tenant=ID, or all with --all-tenants");
        assertThat(commands.run(List.of("db:status", "--tenant=nobody"))).isEqualTo(2);
        assertThat(console.output()).contains("No tenant is named 'nobody'", "db:status --all-tenants");
        assertThat(commands.run(List.of("db:rollback", "--all-tenants"))).isEqualTo(2);
        assertThat(console.output()).contains("--all-tenants works with db:status and db:migrate");
        assertThat(new MigrationsCommands(() -> this.migrations, settings(), RecordingConsole.noTerminal(), CLOCK)
            .run(List.of("db:status", "--tenant=acme"))).isEqualTo(2);
    }

    @Test
    void theParserChecksTheTenantOptions() {
        assertThat(CommandLineParser.parse(List.of("db:migrate", "--tenant=acme", "--dry-run")))
            .isEqualTo(new Command.ForTenants(new Command.Migrate(true, null, null), "acme"));
        assertThatExceptionOfType(CommandUsageException.class)
            .isThrownBy(() -> CommandLineParser.parse(List.of("db:status", "--tenant=acme", "--all-tenants")))
            .withMessageContaining("not both");
        assertThatExceptionOfType(CommandUsageException.class)
            .isThrownBy(() -> CommandLineParser.parse(List.of("db:status", "--tenant")))
            .withMessageContaining("needs the tenant's id");
        assertThatExceptionOfType(CommandUsageException.class)
            .isThrownBy(() -> CommandLineParser.parse(List.of("db:fresh", "--tenant=acme")))
            .withMessageContaining("db:fresh takes no --tenant");
    }

    private MigrationsCommands commands(RecordingConsole console) {
        return new MigrationsCommands(() -> this.migrations, () -> this.tenants, settings(), console, CLOCK);
    }

    private MigrationsCommands.Settings settings() {
        return new MigrationsCommands.Settings("java -jar app.jar", false, this.directory, "com.example.shop");
    }
}
