package dev.saferoll.migrations;

/**
 * How to run {@link Migrations#rollback(int, RollbackOptions)}. Start from {@link #defaults()}.
 * @param dryRun whether to report what would happen and change nothing
 * @param force whether to pass the data-loss guard
 */
public record RollbackOptions(boolean dryRun, boolean force) {

    public static RollbackOptions defaults() {
        return new RollbackOptions(false, false);
    }

    public RollbackOptions withDryRun(boolean dryRun) {
        return new RollbackOptions(dryRun, this.force);
    }

    public RollbackOptions withForce(boolean force) {
        return new RollbackOptions(this.dryRun, force);
    }
}
