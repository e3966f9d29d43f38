package dev.saferoll.migrations.cli;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationVersion;

/** One parsed command line. Parse one with {@link CommandLineParser}. */
public sealed interface Command {

    /** {@code db:migrate [--dry-run] [--target=VERSION | --step=N]}. */
    record Migrate(boolean dryRun, @Nullable MigrationVersion target, @Nullable Integer steps) implements Command {
    }

    /** {@code db:status}. */
    record Status() implements Command {
    }

    /**
     * {@code db:rollback [steps] [--force] [--dry-run] [--allow-data-loss]}: {@code --force} only skips the
     * confirmation; {@code --allow-data-loss} passes the data-loss guard.
     */
    record Rollback(int steps, boolean force, boolean dryRun, boolean allowDataLoss) implements Command {
    }

    /** {@code db:fresh [--force]}. */
    record Fresh(boolean force) implements Command {
    }

    /** {@code db:reset VERSION}. */
    record Reset(MigrationVersion version) implements Command {
    }

    /** {@code db:accept VERSION}: accepts the edited text of an applied migration after a review. */
    record Accept(MigrationVersion version) implements Command {
    }

    /** {@code db:baseline VERSION}. */
    record Baseline(MigrationVersion version) implements Command {
    }

    /** {@code make:migration Name [Domain] [--reversible] [--sql]}. */
    record MakeMigration(String name, @Nullable String domain, boolean reversible, boolean sql) implements Command {

        /** A Java migration class. */
        public MakeMigration(String name, @Nullable String domain, boolean reversible) {
            this(name, domain, reversible, false);
        }
    }

    /** {@code db:help}. */
    record Help() implements Command {
    }

    /**
     * A command for tenants ({@code --tenant=ID}), or for all of them ({@code --all-tenants}, {@code tenant} null):
     * only {@code db:status} and {@code db:migrate} take all of them.
     */
    record ForTenants(Command command, @Nullable String tenant) implements Command {
    }
}
