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
 * Health of the migrations: UP with the current version and the pending count, and details for FUTURE migrations (a
 * newer release is ahead), RUNNING ones (another instance builds an index concurrently) and schema drift (changes made
 * by hand since the last run, which do not turn it DOWN); DOWN when a migration is FAILED, INTERRUPTED, MISSING or
 * CHANGED; OUT_OF_SERVICE while a run is in progress in this application. Reads the cached snapshot, so a health
 * check reads the database at most once per {@code migrations.metrics.refresh-interval}, and never waits longer than
 * {@code migrations.status.read-timeout}: when the database does not answer, the last snapshot is judged and marked
 * stale. Belongs in the readiness group, not liveness.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private static final int MAX_DRIFT_LINES = 20;

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
        if (snapshot.drift() != null && snapshot.drift().isDrifted()) {
            List<String> differences = snapshot.drift().differences();
            builder.withDetail("drift", (differences.size() <= MAX_DRIFT_LINES) ? differences
                    : differences.subList(0, MAX_DRIFT_LINES));
        }
        List<String> future = versions(status, MigrationState.FUTURE);
        if (!future.isEmpty()) {
            builder.withDetail("future", future);
        }
        List<MigrationStatusEntry> running = status.inState(MigrationState.RUNNING);
        if (!running.isEmpty()) {
            builder.withDetail("running", running.stream()
                .map((entry) -> entry.version() + " on " + entry.runningOn())
                .toList());
        }
        List<MigrationStatusEntry> attention = status.entries()
            .stream()
            .filter((entry) -> entry.state().needsAttention())
            .toList();
        if (attention.isEmpty()) {
            builder.up();
            return;
        }
        builder.down();
        for (MigrationState state : List.of(MigrationState.FAILED, MigrationState.INTERRUPTED,
                MigrationState.MISSING, MigrationState.CHANGED)) {
            List<String> versions = versions(status, state);
            if (!versions.isEmpty()) {
                builder.withDetail(state.name().toLowerCase(Locale.ROOT), versions);
            }
        }
        builder.withDetail("action", action(attention.get(0)));
    }

    private static String action(MigrationStatusEntry entry) {
        return switch (entry.state()) {
            case FAILED -> MigrationAdvice.resetFailed(entry.version());
            case INTERRUPTED -> MigrationAdvice.resetPartial(entry.version());
            case CHANGED -> MigrationAdvice.changed(entry.version(), "its file or class");
            default -> MigrationAdvice.missing();
        };
    }

    private static List<String> versions(MigrationStatus status, MigrationState state) {
        return status.inState(state).stream().map(MigrationStatusEntry::version).map(Object::toString).toList();
    }
}
