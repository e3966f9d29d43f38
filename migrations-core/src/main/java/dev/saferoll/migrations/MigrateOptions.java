package dev.saferoll.migrations;

/**
 * How to run {@link Migrations#migrate(MigrateOptions)}. Start from {@link #defaults()} and change what you need.
 * @param dryRun whether to run in a transaction that is rolled back, reporting every statement
 * @param force whether to pass the safety checks that would otherwise refuse the run
 * @param target how far to go
 */
public record MigrateOptions(boolean dryRun, boolean force, MigrationTarget target) {

    public MigrateOptions {
        java.util.Objects.requireNonNull(target, "target");
    }

    /** Apply every pending migration, for real, with every safety check. */
    public static MigrateOptions defaults() {
        return new MigrateOptions(false, false, MigrationTarget.latest());
    }

    public MigrateOptions withDryRun(boolean dryRun) {
        return new MigrateOptions(dryRun, this.force, this.target);
    }

    public MigrateOptions withForce(boolean force) {
        return new MigrateOptions(this.dryRun, force, this.target);
    }

    public MigrateOptions withTarget(MigrationTarget target) {
        return new MigrateOptions(this.dryRun, this.force, target);
    }
}
