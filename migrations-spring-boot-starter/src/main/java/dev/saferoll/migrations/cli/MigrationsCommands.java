package dev.saferoll.migrations.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.SchemaDrift;
import dev.saferoll.migrations.tenant.Tenant;
import dev.saferoll.migrations.tenant.TenantMigrations;

/**
 * Runs one parsed command against {@link Migrations}, prints a report to the {@link CommandConsole} and returns the
 * exit code. Expected errors become a message and a recommendation, never a stack trace.
 */
public final class MigrationsCommands {

    private static final Logger logger = LoggerFactory.getLogger(MigrationsCommands.class);

    private final Supplier<@Nullable Migrations> migrations;

    private final Supplier<@Nullable TenantMigrations> tenants;

    private final Settings settings;

    private final CommandConsole console;

    private final Clock clock;

    private final Symbols symbols;

    /** The facade the command in progress runs against: the default one or a tenant's. */
    private @Nullable Migrations current;

    /** What every command this one suggests needs after it: {@code " --tenant=ID"} for a tenant's, else nothing. */
    private String target = "";

    /**
     * @param migrations the facade, looked up only by the commands that need the database
     * @param settings what the commands read from {@code migrations.*}
     * @param console where to print and ask
     * @param clock the clock {@code make:migration} takes the version from
     */
    public MigrationsCommands(Supplier<@Nullable Migrations> migrations, Settings settings, CommandConsole console,
            Clock clock) {
        this(migrations, () -> null, settings, console, clock);
    }

    /**
     * @param migrations the facade, looked up only by the commands that need the database
     * @param tenants the tenants, when the migrations run per tenant
     * @param settings what the commands read from {@code migrations.*}
     * @param console where to print and ask
     * @param clock the clock {@code make:migration} takes the version from
     */
    public MigrationsCommands(Supplier<@Nullable Migrations> migrations, Supplier<@Nullable TenantMigrations> tenants,
            Settings settings, CommandConsole console, Clock clock) {
        this.migrations = migrations;
        this.tenants = tenants;
        this.settings = settings;
        this.console = console;
        this.clock = clock;
        this.symbols = console.supportsUnicode() ? Symbols.UNICODE : Symbols.ASCII;
    }

    /**
     * What the commands read from configuration.
     * @param launcher how the user starts the application, shown in recommendations (for example
     * {@code java -jar app.jar})
     * @param freshEnabled whether {@code db:fresh} is allowed
     * @param makeDirectory where {@code make:migration} writes
     * @param makeBasePackage the package {@code make:migration} writes into
     * @param makeSqlDirectory where {@code make:migration --sql} writes
     */
    public record Settings(String launcher, boolean freshEnabled, Path makeDirectory, String makeBasePackage,
            Path makeSqlDirectory) {

        /** The folder SQL files are found in unless {@code migrations.make.sql-directory} says otherwise. */
        public static final String SQL_DIRECTORY = "src/main/resources/db/migrations";

        public Settings(String launcher, boolean freshEnabled, Path makeDirectory, String makeBasePackage) {
            this(launcher, freshEnabled, makeDirectory, makeBasePackage, Path.of(SQL_DIRECTORY));
        }
    }

    private FailureReport failures() {
        return new FailureReport(this.console, this.symbols, this.settings.launcher(), this.target);
    }

    /** Parses and runs a command line, returning the process exit code. */
    public int run(List<String> args) {
        Command command;
        try {
            command = CommandLineParser.parse(args);
        }
        catch (CommandUsageException ex) {
            this.console.println(this.symbols.error + " " + ex.getMessage());
            this.console.println("");
            this.console.println(CommandLineParser.usage(this.settings.launcher()));
            return CommandExitCode.USAGE.code();
        }
        return run(command).code();
    }

    /** Runs a parsed command. */
    public CommandExitCode run(Command parsed) {
        Command command = parsed;
        this.current = null;
        this.target = "";
        try {
            if (command instanceof Command.Help) {
                this.console.println(CommandLineParser.usage(this.settings.launcher()));
                return CommandExitCode.OK;
            }
            if (command instanceof Command.MakeMigration make) {
                return new MakeMigrationCommand(this.settings, this.console, this.symbols).run(make,
                        MigrationVersion.of(LocalDateTime.now(this.clock)));
            }
            Migrations migrations = this.migrations.get();
            if (migrations == null) {
                this.console.println(this.symbols.error + " No Migrations bean is available, so there is nothing to"
                        + " run against. Check that a DataSource is configured (spring.datasource.url) and that"
                        + " migrations.enabled is not false.");
                return CommandExitCode.FAILURE;
            }
            this.current = migrations;
            TenantMigrations tenants = this.tenants.get();
            if (command instanceof Command.ForTenants forTenants) {
                if (tenants == null) {
                    throw new CommandUsageException("No tenants are configured, so --tenant and --all-tenants have "
                            + "nothing to name: list them in migrations.tenants.schemas or define a MigrationTenants "
                            + "bean");
                }
                if (forTenants.tenant() == null) {
                    return new TenantReports(this.console, this.symbols, this.settings.launcher())
                        .run(tenants, forTenants.command());
                }
                Tenant tenant = tenants.tenant(forTenants.tenant());
                this.console.println(this.symbols.info + " Tenant " + tenant.id()
                        + ((tenant.schema() != null) ? " (schema " + tenant.schema() + ")" : ""));
                migrations = tenants.migrations(tenant);
                command = forTenants.command();
                this.current = migrations;
                this.target = " --tenant=" + tenant.id();
            }
            else if (tenants != null) {
                throw new CommandUsageException("The migrations run per tenant here (migrations.tenants.*): name "
                        + "one with --tenant=ID, or all with --all-tenants (db:status and db:migrate)");
            }
            if (command instanceof Command.Status) {
                return status(migrations);
            }
            if (command instanceof Command.Migrate migrate) {
                return migrate(migrations, migrate);
            }
            if (command instanceof Command.Rollback rollback) {
                return rollback(migrations, rollback);
            }
            if (command instanceof Command.Fresh fresh) {
                return fresh(migrations, fresh);
            }
            if (command instanceof Command.Reset reset) {
                return reset(migrations, reset);
            }
            if (command instanceof Command.Accept accept) {
                return accept(migrations, accept);
            }
            if (command instanceof Command.Baseline baseline) {
                return baseline(migrations, baseline);
            }
            throw new IllegalStateException("Unhandled command " + command);
        }
        catch (CommandUsageException ex) {
            this.console.println(this.symbols.error + " " + ex.getMessage());
            return CommandExitCode.USAGE;
        }
        catch (RollbackRefusedException ex) {
            return failures().rollbackRefused(ex, this.current);
        }
        catch (MigrationException ex) {
            return failures().failed(ex);
        }
        catch (UnsupportedOperationException ex) {
            this.console.println(this.symbols.error + " This Saferoll build does not implement that operation yet ("
                    + ex.getMessage() + ").");
            return CommandExitCode.FAILURE;
        }
        catch (RuntimeException ex) {
            logger.debug("Command failed", ex);
            this.console.println(this.symbols.error + " Failed: " + FailureReport.rootMessage(ex));
            this.console.println("   Check that the database is reachable with the configured spring.datasource.*"
                    + " settings; run with --debug for details.");
            return CommandExitCode.FAILURE;
        }
    }

    private CommandExitCode status(Migrations migrations) {
        MigrationStatus status = migrations.status();
        this.console.println(this.symbols.info + " Migration status");
        this.console.println("");
        if (status.entries().isEmpty()) {
            this.console.println("No migrations found. Write one with: " + this.settings.launcher()
                    + " make:migration CreateUsersTable User");
            return CommandExitCode.OK;
        }
        this.console.println(statusTable(status));
        this.console.println("");
        this.console.println("Current version: " + status.currentVersion().map(MigrationVersion::value).orElse("none"));
        this.console.println("Applied: " + status.count(MigrationState.APPLIED) + ", pending: "
                + status.pending().size() + ", failed: " + status.count(MigrationState.FAILED) + ", missing: "
                + status.count(MigrationState.MISSING) + ", future: " + status.count(MigrationState.FUTURE));
        for (MigrationStatusEntry entry : status.entries()) {
            String advice = switch (entry.state()) {
                case FAILED -> "FAILED. " + MigrationAdvice.resetFailed(entry.version());
                case INTERRUPTED -> "was INTERRUPTED. " + MigrationAdvice.resetPartial(entry.version());
                case MISSING -> "is applied but no longer in the code. " + MigrationAdvice.missing();
                case CHANGED -> "was edited after it was applied. "
                        + MigrationAdvice.changed(entry.version(), "its file or class");
                case FUTURE -> "was applied by a newer release; this one tolerates it.";
                case RUNNING -> "is RUNNING on " + entry.runningOn() + ".";
                default -> null;
            };
            if (advice != null) {
                this.console.println(this.symbols.warning + " " + entry.version() + " " + advice);
            }
        }
        migrations.drift().filter(SchemaDrift::isDrifted).ifPresent((drift) -> {
            this.console.println(this.symbols.warning + " The schema changed outside migrations since the last run ("
                    + Formats.instant(drift.recordedAt(), this.clock.getZone()) + "):");
            drift.differences().forEach((line) -> this.console.println("   " + line));
            this.console.println("   Make such changes in a migration; a run records the schema again.");
        });
        if (!status.pending().isEmpty()) {
            this.console.println(this.symbols.tip + " Apply pending migrations with: " + this.settings.launcher()
                    + " db:migrate (try --dry-run first)");
        }
        return CommandExitCode.OK;
    }

    String statusTable(MigrationStatus status) {
        ZoneId zone = this.clock.getZone();
        TextTable table = new TextTable("VERSION", "DOMAIN", "STATE", "REVERSIBLE", "APPLIED AT", "TIME", "SIZE DELTA",
                "DESCRIPTION");
        for (MigrationStatusEntry entry : status.entries()) {
            boolean ran = entry.state() != MigrationState.PENDING && entry.state() != MigrationState.OUT_OF_ORDER;
            table.row(entry.version().value(), entry.domain(), entry.state().name(), entry.reversible() ? "yes" : "no",
                    ran ? Formats.instant(entry.appliedAt(), zone) : "-",
                    ran ? Formats.duration(entry.executionTime()) : "-",
                    ran ? Formats.sizeDelta(entry.sizeDeltaBytes()) : "-", entry.description());
        }
        return table.render();
    }

    private CommandExitCode migrate(Migrations migrations, Command.Migrate command) {
        MigrateOptions options = MigrateOptions.defaults()
            .withDryRun(command.dryRun())
            .withTarget(target(command));
        this.console.println(command.dryRun()
                ? this.symbols.search + " Dry run: pending migrations run in a transaction that is rolled back;"
                        + " nothing is changed."
                : this.symbols.run + " Running migrations...");
        MigrateResult result = migrations.migrate(options);
        String current = result.status().currentVersion().map(MigrationVersion::value).orElse("none");
        if (result.migrations().isEmpty()) {
            this.console.println(this.symbols.ok + " Nothing to migrate: nothing pending, the database is up to date"
                    + " (current version " + current + ").");
            return CommandExitCode.OK;
        }
        this.console.println("");
        this.console.println(outcomeTable(result.migrations()));
        if (command.dryRun()) {
            for (MigrationOutcome outcome : result.migrations()) {
                this.console.println("");
                this.console.println(outcome.version() + " " + outcome.description() + ":");
                if (outcome.statements().isEmpty()) {
                    this.console.println("    (no statements recorded)");
                }
                List<String> notes = new ArrayList<>(outcome.notes());
                for (int i = 0; i < outcome.statements().size(); i++) {
                    String statement = outcome.statements().get(i);
                    this.console.println("    " + statement + (statement.endsWith(";") ? "" : ";"));
                    String impact = "impact of statement " + (i + 1) + ": ";
                    notes.stream().filter((note) -> note.startsWith(impact))
                        .forEach((note) -> this.console.println("      measured: " + note.substring(impact.length())));
                    notes.removeIf((note) -> note.startsWith(impact));
                }
                notes.forEach((note) -> this.console.println("    " + this.symbols.warning + " " + note));
            }
            this.console.println("");
            this.console.println(this.symbols.ok + " Dry run: " + Formats.plural(result.count(), "migration")
                    + " would be applied; nothing was changed. Apply them with: " + this.settings.launcher()
                    + " db:migrate");
        }
        else {
            for (MigrationOutcome outcome : result.migrations()) {
                if (!outcome.notes().isEmpty()) {
                    this.console.println("");
                    this.console.println(outcome.version() + " " + outcome.description() + ":");
                    printNotes(outcome);
                }
            }
            this.console.println("");
            this.console.println(this.symbols.ok + " Applied " + Formats.plural(result.count(), "migration")
                    + "; current version " + current + ".");
        }
        return CommandExitCode.OK;
    }

    private static MigrationTarget target(Command.Migrate command) {
        if (command.steps() != null) {
            return MigrationTarget.next(command.steps());
        }
        return (command.target() != null) ? MigrationTarget.upTo(command.target()) : MigrationTarget.latest();
    }

    private void printNotes(MigrationOutcome outcome) {
        for (String note : outcome.notes()) {
            this.console.println("    " + this.symbols.warning + " " + note);
        }
    }

    private String outcomeTable(List<MigrationOutcome> outcomes) {
        TextTable table = new TextTable("VERSION", "DOMAIN", "OUTCOME", "TIME", "SIZE DELTA", "DESCRIPTION");
        for (MigrationOutcome outcome : outcomes) {
            Long delta = (outcome.sizeBeforeBytes() != null && outcome.sizeAfterBytes() != null)
                    ? outcome.sizeAfterBytes() - outcome.sizeBeforeBytes() : null;
            table.row(outcome.version().value(), outcome.domain(), outcome.outcome().name(),
                    Formats.duration(outcome.executionTime()), Formats.sizeDelta(delta), outcome.description());
        }
        return table.render();
    }

    private CommandExitCode rollback(Migrations migrations, Command.Rollback command) {
        this.console.println(this.symbols.rollback + " Rolling back " + Formats.plural(command.steps(), "migration")
                + (command.dryRun() ? " (dry run: nothing is changed)" : "") + "...");
        this.console.println(this.symbols.warning + "  Safety Check: Only migrations implementing SafelyReversible will"
                + " be rolled back.");
        RollbackOptions options = RollbackOptions.defaults()
            .withDryRun(command.dryRun())
            .withAllowDataLoss(command.allowDataLoss());
        if (!command.dryRun() && !command.force()) {
            // A dry run first: a refusal is reported before anyone is asked, and the question names what will go.
            // The real run then refuses unless exactly the versions shown are still the last applied.
            RollbackResult preview = migrations.rollback(command.steps(), options.withDryRun(true));
            this.console.println("");
            this.console.println("These migrations will be rolled back, newest first:");
            this.console.println(outcomeTable(preview.migrations()));
            CommandExitCode refused = confirm("db:rollback", "Rolling back changes the schema of a live database.");
            if (refused != null) {
                return refused;
            }
            options = options.withExpectedVersions(preview.migrations().stream().map(MigrationOutcome::version)
                .toList());
        }
        RollbackResult result = migrations.rollback(command.steps(), options);
        this.console.println("");
        this.console.println(outcomeTable(result.migrations()));
        this.console.println("");
        String current = result.status().currentVersion().map(MigrationVersion::value).orElse("none");
        this.console.println(this.symbols.ok + (result.dryRun()
                ? " Dry run: " + Formats.plural(result.count(), "migration") + " would be rolled back; nothing was"
                        + " changed."
                : " Rolled back " + Formats.plural(result.count(), "migration") + "; current version " + current
                        + "."));
        return CommandExitCode.OK;
    }

    private CommandExitCode fresh(Migrations migrations, Command.Fresh command) {
        if (!this.settings.freshEnabled()) {
            this.console.println(this.symbols.error + " db:fresh is disabled: it drops every table and all data."
                    + " Set migrations.fresh.enabled=true on development machines only (for example"
                    + " --migrations.fresh.enabled=true).");
            return CommandExitCode.REFUSED;
        }
        this.console.println(this.symbols.warning + "  db:fresh drops every table, view and sequence in "
                + databaseName(migrations) + " and migrates from scratch. All data is lost.");
        if (!command.force()) {
            CommandExitCode refused = confirm("db:fresh", "It destroys all data.");
            if (refused != null) {
                return refused;
            }
        }
        MigrateResult result = migrations.fresh();
        if (!result.migrations().isEmpty()) {
            this.console.println("");
            this.console.println(outcomeTable(result.migrations()));
        }
        this.console.println("");
        this.console.println(this.symbols.ok + " Fresh database: applied " + Formats.plural(result.count(), "migration")
                + "; current version " + result.status().currentVersion().map(MigrationVersion::value).orElse("none")
                + ".");
        return CommandExitCode.OK;
    }

    private CommandExitCode reset(Migrations migrations, Command.Reset command) {
        if (migrations.reset(command.version())) {
            this.console.println(this.symbols.ok + " Cleared the FAILED record of " + command.version()
                    + ". The next db:migrate runs it again: " + this.settings.launcher() + " db:migrate" + this.target);
            return CommandExitCode.OK;
        }
        this.console.println(this.symbols.error + " " + command.version() + " has no FAILED record; nothing was reset."
                + " Check the versions with: " + this.settings.launcher() + " db:status" + this.target);
        return CommandExitCode.FAILURE;
    }

    private CommandExitCode accept(Migrations migrations, Command.Accept command) {
        if (migrations.acceptChange(command.version())) {
            this.console.println(this.symbols.ok + " Accepted the edited text of " + command.version()
                    + "; it is APPLIED again. Nothing of it ran.");
            return CommandExitCode.OK;
        }
        this.console.println(this.symbols.error + " " + command.version() + " is not CHANGED; nothing was accepted."
                + " Check the versions with: " + this.settings.launcher() + " db:status" + this.target);
        return CommandExitCode.FAILURE;
    }

    private CommandExitCode baseline(Migrations migrations, Command.Baseline command) {
        List<MigrationVersion> recorded = migrations.baseline(command.version());
        if (recorded.isEmpty()) {
            this.console.println(this.symbols.ok + " Nothing to baseline: every migration up to " + command.version()
                    + " is already recorded.");
            return CommandExitCode.OK;
        }
        this.console.println(this.symbols.ok + " Recorded " + Formats.plural(recorded.size(), "migration")
                + " as APPLIED without running them:");
        for (MigrationVersion version : recorded) {
            this.console.println("   " + version);
        }
        return CommandExitCode.OK;
    }

    private @Nullable CommandExitCode confirm(String command, String why) {
        if (!this.console.isInteractive()) {
            this.console.println(this.symbols.error + " Refused: " + command + " needs confirmation and no terminal is"
                    + " attached. " + why + " Re-run with --force to confirm. Nothing was changed.");
            return CommandExitCode.REFUSED;
        }
        this.console.println(why);
        String answer = this.console.readLine("Type 'yes' to continue: ");
        if (answer == null || !answer.trim().equals("yes")) {
            this.console.println("Cancelled; nothing was changed.");
            return CommandExitCode.REFUSED;
        }
        return null;
    }

    private static String databaseName(Migrations migrations) {
        try (Connection connection = migrations.getConfiguration().dataSource().getConnection()) {
            String url = connection.getMetaData().getURL();
            int query = url.indexOf('?');
            return (query >= 0) ? url.substring(0, query) : url;
        }
        catch (Exception ex) {
            return "the configured database";
        }
    }

}
