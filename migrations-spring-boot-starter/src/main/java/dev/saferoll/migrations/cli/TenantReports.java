package dev.saferoll.migrations.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.tenant.TenantMigrations;
import dev.saferoll.migrations.tenant.TenantRun;
import dev.saferoll.migrations.tenant.TenantState;
import dev.saferoll.migrations.tenant.TenantStatus;
import dev.saferoll.migrations.tenant.TenantsMigrateResult;
import dev.saferoll.migrations.tenant.TenantsStatus;

/** {@code db:status --all-tenants} and {@code db:migrate --all-tenants}: every tenant at once. */
final class TenantReports {

    /** How many tenants a report lists one by one when they are not up to date; the rest are counted. */
    static final int LISTED = 50;

    private final CommandConsole console;

    private final Symbols symbols;

    private final String launcher;

    TenantReports(CommandConsole console, Symbols symbols, String launcher) {
        this.console = console;
        this.symbols = symbols;
        this.launcher = launcher;
    }

    CommandExitCode run(TenantMigrations tenants, Command command) {
        if (command instanceof Command.Migrate migrate) {
            if (migrate.target() != null || migrate.steps() != null) {
                throw new CommandUsageException("db:migrate --all-tenants migrates every tenant to the newest "
                        + "version; for --target or --step name one tenant with --tenant=ID");
            }
            return migrate(tenants, migrate.dryRun());
        }
        return status(tenants);
    }

    private CommandExitCode status(TenantMigrations tenants) {
        TenantsStatus status = tenants.status();
        this.console.println(this.symbols.info + " Migration status of " + status.tenants().size() + " tenant(s)");
        this.console.println("");
        List<TenantStatus> behind = status.tenants()
            .stream()
            .filter((tenant) -> tenant.state() != TenantState.UP_TO_DATE)
            .toList();
        if (!behind.isEmpty()) {
            TextTable table = new TextTable("TENANT", "STATE", "APPLIED", "PENDING", "CURRENT VERSION", "PROBLEM");
            behind.stream()
                .limit(LISTED)
                .forEach((tenant) -> table.row(tenant.tenant(), tenant.state().name(),
                        String.valueOf(tenant.applied()), String.valueOf(tenant.pending()),
                        version(tenant.currentVersion()), (tenant.problem() != null) ? tenant.problem() : ""));
            this.console.println(table.render());
            if (behind.size() > LISTED) {
                this.console.println("... and " + (behind.size() - LISTED) + " more not up to date");
            }
            this.console.println("");
        }
        this.console.println(summary(status.counts()));
        if (status.counts().get(TenantState.FAILED) > 0) {
            this.console.println(this.symbols.tip + " Look at one tenant with: " + this.launcher
                    + " db:status --tenant=ID");
            return CommandExitCode.FAILURE;
        }
        return CommandExitCode.OK;
    }

    private CommandExitCode migrate(TenantMigrations tenants, boolean dryRun) {
        this.console.println(dryRun ? this.symbols.search + " Dry run of every tenant: pending migrations run in a "
                + "transaction that is rolled back; nothing is changed."
                : this.symbols.run + " Migrating every tenant, " + tenants.parallelism() + " at a time...");
        TenantsMigrateResult result = tenants.migrateAll(MigrateOptions.defaults().withDryRun(dryRun));
        List<TenantRun> failed = result.runs(TenantRun.Result.FAILED);
        if (!failed.isEmpty()) {
            this.console.println("");
            TextTable table = new TextTable("TENANT", "ERROR");
            failed.stream()
                .limit(LISTED)
                .forEach((run) -> table.row(run.tenant(), (run.error() != null) ? run.error().getMessage() : ""));
            this.console.println(table.render());
        }
        this.console.println("");
        this.console.println((result.hasFailures() ? this.symbols.error : this.symbols.ok) + " "
                + (dryRun ? "Dry run: " : "") + result.summary() + String.format(Locale.ROOT, " (%.1f s)",
                        result.duration().toMillis() / 1000.0));
        if (result.hasFailures()) {
            this.console.println(this.symbols.tip + " See one tenant with: " + this.launcher
                    + " db:status --tenant=ID; after a fix, db:reset VERSION --tenant=ID and db:migrate --tenant=ID");
            return CommandExitCode.FAILURE;
        }
        return CommandExitCode.OK;
    }

    private static String summary(Map<TenantState, Integer> counts) {
        return "Up to date: " + counts.get(TenantState.UP_TO_DATE) + ", pending: " + counts.get(TenantState.PENDING)
                + ", running: " + counts.get(TenantState.RUNNING) + ", failed: " + counts.get(TenantState.FAILED)
                + ", unreachable: " + counts.get(TenantState.UNREACHABLE);
    }

    private static String version(@Nullable MigrationVersion version) {
        return (version != null) ? version.value() : "none";
    }
}
