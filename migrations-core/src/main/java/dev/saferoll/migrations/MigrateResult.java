package dev.saferoll.migrations;

import java.util.List;

/**
 * The result of a migrate run.
 * @param migrations what happened to each migration that ran, in order
 * @param dryRun whether this was a dry run (nothing was changed)
 * @param status the status after the run
 */
public record MigrateResult(List<MigrationOutcome> migrations, boolean dryRun, MigrationStatus status) {

    public MigrateResult {
        migrations = List.copyOf(migrations);
    }

    /** How many migrations were applied (or, in a dry run, would be). */
    public int count() {
        return this.migrations.size();
    }
}
