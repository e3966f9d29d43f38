package dev.saferoll.migrations.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.status.MigrationStatusService;

/**
 * Micrometer metrics for migrations:
 * <ul>
 * <li>timer {@code migrations.execution}, tagged {@code domain}, {@code direction} ({@code up}/{@code down}) and
 * {@code outcome} ({@code success}/{@code failed}/{@code dry_run}), one sample per migration run;</li>
 * <li>gauge {@code migrations.database.size} in bytes, registered once the database has reported a size: on a
 * database that cannot tell (H2) it is absent rather than NaN;</li>
 * <li>gauges {@code migrations.pending}, {@code migrations.applied} and {@code migrations.failed}.</li>
 * </ul>
 * The gauges read the {@link MigrationStatusService}'s cached snapshot and sampled size, never the database once per
 * scrape. Migrations that run before a registry is bound (the startup run) are recorded when it is bound.
 */
public class MigrationsMetrics implements MeterBinder, MigrationListener {

    private static final int MAX_BUFFERED_OUTCOMES = 10_000;

    private final MigrationStatusService statusService;

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private final List<MigrationOutcome> unboundOutcomes = new ArrayList<>();

    public MigrationsMetrics(MigrationStatusService statusService) {
        this.statusService = statusService;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.statusService.whenDatabaseSizeKnown(() -> Gauge.builder("migrations.database.size", this,
                MigrationsMetrics::databaseSizeBytes)
            .description("Size of the database, sampled and cached")
            .baseUnit(BaseUnits.BYTES)
            .register(registry));
        statusGauge(registry, "migrations.pending", "Migrations a migrate run would apply",
                (status) -> status.pending().size());
        statusGauge(registry, "migrations.applied", "Migrations applied",
                (status) -> status.count(MigrationState.APPLIED));
        statusGauge(registry, "migrations.failed", "Migrations whose last run failed",
                (status) -> status.count(MigrationState.FAILED));
        List<MigrationOutcome> replay;
        synchronized (this.unboundOutcomes) {
            this.registries.add(registry);
            replay = List.copyOf(this.unboundOutcomes);
        }
        replay.forEach((outcome) -> record(registry, outcome));
    }

    private void statusGauge(MeterRegistry registry, String name, String description,
            ToLongFunction<MigrationStatus> count) {
        Gauge.builder(name, this, (metrics) -> metrics.statusCount(count)).description(description).register(registry);
    }

    @Override
    public void migrationFinished(MigrationOutcome outcome) {
        synchronized (this.unboundOutcomes) {
            if (this.registries.isEmpty() && this.unboundOutcomes.size() < MAX_BUFFERED_OUTCOMES) {
                this.unboundOutcomes.add(outcome);
            }
        }
        this.registries.forEach((registry) -> record(registry, outcome));
    }

    private void record(MeterRegistry registry, MigrationOutcome outcome) {
        Timer.builder("migrations.execution")
            .description("Time taken by each migration")
            .tag("domain", outcome.domain())
            .tag("direction", outcome.direction().tag())
            .tag("outcome", outcome.outcome().tag())
            .register(registry)
            .record(outcome.executionTime());
    }

    private double statusCount(ToLongFunction<MigrationStatus> count) {
        try {
            return count.applyAsLong(this.statusService.current().status());
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }

    /** The sampled database size in bytes; NaN only if it became unknown after the gauge was registered. */
    double databaseSizeBytes() {
        try {
            OptionalLong size = this.statusService.databaseSize();
            return size.isPresent() ? size.getAsLong() : Double.NaN;
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }
}
