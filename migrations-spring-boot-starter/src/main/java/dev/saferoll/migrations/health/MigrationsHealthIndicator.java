package dev.saferoll.migrations.health;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.status.StatusSnapshot;

/**
 * Health of the migrations: UP with the current version and the pending count; DOWN when a migration is FAILED or
 * MISSING; OUT_OF_SERVICE while a run is in progress in this application. Reads the cached snapshot, so a health
 * check reads the database at most once per {@code migrations.metrics.refresh-interval}, and never waits longer than
 * {@code migrations.status.read-timeout}: when the database does not answer, the last snapshot is judged and marked
 * stale. Belongs in the readiness group, not liveness.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final MigrationStatusService statusService;

    public MigrationsHealthIndicator(MigrationStatusService statusService) {
        super("Migration status could not be read");
        this.statusService = statusService;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (this.statusService.isRunning()) {
            builder.outOfService();
            this.statusService.runningOperation()
                .ifPresent((operation) -> builder.withDetail("running", operation.name().toLowerCase(Locale.ROOT)));
            return;
        }
        StatusSnapshot snapshot = this.statusService.current();
        MigrationStatus status = snapshot.status();
        builder.withDetail("currentVersion", status.currentVersion().map(Object::toString).orElse("none"));
        builder.withDetail("pending", status.pending().size());
        if (snapshot.stale()) {
            builder.withDetail("stale", true);
            builder.withDetail("readAt", snapshot.readAt().toString());
            builder.withDetail("ageSeconds", snapshot.age(this.statusService.now()).toSeconds());
            builder.withDetail("staleReason", String.valueOf(snapshot.staleReason()));
        }
        List<String> failed = versions(status, MigrationState.FAILED);
        List<String> missing = versions(status, MigrationState.MISSING);
        if (failed.isEmpty() && missing.isEmpty()) {
            builder.up();
            return;
        }
        builder.down();
        if (!failed.isEmpty()) {
            builder.withDetail("failed", failed);
            builder.withDetail("action", MigrationAdvice.resetFailed(status.inState(MigrationState.FAILED).get(0)
                .version()));
        }
        if (!missing.isEmpty()) {
            builder.withDetail("missing", missing);
            builder.withDetail("missingAction", MigrationAdvice.missing());
        }
    }

    private static List<String> versions(MigrationStatus status, MigrationState state) {
        return status.inState(state).stream().map(MigrationStatusEntry::version).map(Object::toString).toList();
    }
}
