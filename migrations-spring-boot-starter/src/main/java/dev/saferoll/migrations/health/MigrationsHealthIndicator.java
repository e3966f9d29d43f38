package dev.saferoll.migrations.health;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.autoconfigure.MigrationStatusSnapshots;

/**
 * Health of the migrations: UP with the current version and the pending count; DOWN when a migration is FAILED or
 * MISSING; OUT_OF_SERVICE while a run is in progress in this application. Reads the cached snapshot, so a health
 * check reads the database at most once per {@code migrations.metrics.refresh-interval}.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final MigrationStatusSnapshots snapshots;

    public MigrationsHealthIndicator(MigrationStatusSnapshots snapshots) {
        super("Migration status could not be read");
        this.snapshots = snapshots;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (this.snapshots.isRunning()) {
            builder.outOfService();
            this.snapshots.runningOperation()
                .ifPresent((operation) -> builder.withDetail("running", operation.name().toLowerCase(Locale.ROOT)));
            return;
        }
        MigrationStatus status = this.snapshots.current();
        builder.withDetail("currentVersion", status.currentVersion().map(Object::toString).orElse("none"));
        builder.withDetail("pending", status.pending().size());
        List<String> failed = versions(status, MigrationState.FAILED);
        List<String> missing = versions(status, MigrationState.MISSING);
        if (failed.isEmpty() && missing.isEmpty()) {
            builder.up();
            return;
        }
        builder.down();
        if (!failed.isEmpty()) {
            builder.withDetail("failed", failed);
        }
        if (!missing.isEmpty()) {
            builder.withDetail("missing", missing);
        }
        builder.withDetail("action", "Fix a FAILED migration and run db:reset VERSION; restore a MISSING migration's "
                + "class or set migrations.fail-on-missing=false");
    }

    private static List<String> versions(MigrationStatus status, MigrationState state) {
        return status.inState(state).stream().map(MigrationStatusEntry::version).map(Object::toString).toList();
    }
}
