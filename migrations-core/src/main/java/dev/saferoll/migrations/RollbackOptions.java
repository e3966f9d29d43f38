package dev.saferoll.migrations;

import java.util.List;
import java.util.Objects;

/**
 * How to run {@link Migrations#rollback(int, RollbackOptions)}. Start from {@link #defaults()}.
 * @param dryRun whether to report what would happen and change nothing
 * @param allowDataLoss whether to pass the data-loss guard: a {@code down} that drops a table or column still holding
 * data then runs, and the loss is logged
 * @param expectedVersions the versions, newest first, that the caller showed and someone confirmed; when not empty, the
 * rollback is refused unless exactly these are the last applied, so a migration applied in between is never rolled
 * back by mistake
 */
public record RollbackOptions(boolean dryRun, boolean allowDataLoss, List<MigrationVersion> expectedVersions) {

    public RollbackOptions {
        expectedVersions = List.copyOf(Objects.requireNonNull(expectedVersions, "expectedVersions"));
    }

    /** A real rollback, with the data-loss guard, of whatever is applied last. */
    public static RollbackOptions defaults() {
        return new RollbackOptions(false, false, List.of());
    }

    public RollbackOptions withDryRun(boolean dryRun) {
        return new RollbackOptions(dryRun, this.allowDataLoss, this.expectedVersions);
    }

    public RollbackOptions withAllowDataLoss(boolean allowDataLoss) {
        return new RollbackOptions(this.dryRun, allowDataLoss, this.expectedVersions);
    }

    public RollbackOptions withExpectedVersions(List<MigrationVersion> expectedVersions) {
        return new RollbackOptions(this.dryRun, this.allowDataLoss, expectedVersions);
    }
}
