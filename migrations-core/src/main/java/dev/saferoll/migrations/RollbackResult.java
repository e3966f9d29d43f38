package dev.saferoll.migrations;

import java.util.List;

/**
 * The result of a rollback.
 * @param migrations what happened to each migration rolled back, newest first
 * @param dryRun whether this was a dry run (nothing was changed)
 * @param status the status after the rollback
 */
public record RollbackResult(List<MigrationOutcome> migrations, boolean dryRun, MigrationStatus status) {

    public RollbackResult {
        migrations = List.copyOf(migrations);
    }

    public int count() {
        return this.migrations.size();
    }
}
