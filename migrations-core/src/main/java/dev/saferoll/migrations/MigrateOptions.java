package dev.saferoll.migrations;

import java.util.Objects;

/**
 * How to run {@link Migrations#migrate(MigrateOptions)}. Start from {@link #defaults()} and change what you need.
 * @param dryRun whether to run in a transaction that is rolled back, reporting every statement
 * @param target how far to go
 */
public record MigrateOptions(boolean dryRun, MigrationTarget target) {

    public MigrateOptions {
        Objects.requireNonNull(target, "target");
    }

    /** Apply every pending migration, for real. */
    public static MigrateOptions defaults() {
        return new MigrateOptions(false, MigrationTarget.latest());
    }

    public MigrateOptions withDryRun(boolean dryRun) {
        return new MigrateOptions(dryRun, this.target);
    }

    public MigrateOptions withTarget(MigrationTarget target) {
        return new MigrateOptions(this.dryRun, target);
    }
}
