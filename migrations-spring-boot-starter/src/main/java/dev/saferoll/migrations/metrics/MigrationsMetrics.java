package dev.saferoll.migrations.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.SchemaDrift;
import dev.saferoll.migrations.status.MigrationStatusService;

/**
 * Micrometer metrics for migrations. Most are gauges read from the history table (through the
 * {@link MigrationStatusService}'s cached snapshot, never one database read per scrape), so they are right from the
 * first scrape, after a restart with nothing pending, and on every instance alike: aggregate them across instances
 * with {@code max}, not {@code sum}.
 * <ul>
 * <li>{@code migrations.applied} (tag {@code domain}): migrations in state APPLIED;</li>
 * <li>{@code migrations.applied.duration} (tag {@code domain}, seconds): the execution time the history records for
 * them, added up; divided by {@code migrations.applied}, the average. Dry runs never reach the history;</li>
 * <li>{@code migrations.last.applied.timestamp} (seconds since the epoch): when the newest applied migration was
 * applied;</li>
 * <li>{@code migrations.pending}: migrations in state PENDING (never applied); {@code migrations.failed}: in state
 * FAILED;</li>
 * <li>{@code migrations.drift}: 1 when the live schema differs from the one the last run recorded, else 0;</li>
 * <li>{@code migrations.database.size} (bytes): the sampled database size, registered once the database has
 * reported one: on a database that cannot tell (H2) it is absent rather than NaN.</li>
 * </ul>
 * One in-process meter: the timer {@code migrations.execution}, tagged {@code domain}, {@code direction}
 * ({@code up}/{@code down}) and {@code outcome} ({@code success}, {@code failed}, {@code dry_run} or
 * {@code preview}), one sample per migration this process ran, the startup run included (recorded when the registry
 * is bound). It starts from zero in every process, so dashboards read the history gauges for durations and counts.
 * <p>
 * The domains are the application's own, so the tagged series stay few. When the migrations run per tenant, the
 * history gauges are left out (each tenant has its own history; see {@code MigrationTenantsMetrics}), and the timer
 * counts every tenant's migrations.
 */
public class MigrationsMetrics implements MeterBinder, MigrationListener {

    private static final int MAX_BUFFERED_OUTCOMES = 10_000;

    private final MigrationStatusService statusService;

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private final List<DomainGauges> domainGauges = new CopyOnWriteArrayList<>();

    private final List<MigrationOutcome> unboundOutcomes = new ArrayList<>();

    private final BooleanSupplier historyGauges;

    public MigrationsMetrics(MigrationStatusService statusService) {
        this(statusService, () -> true);
    }

    /**
     * @param statusService the status of the application's history table
     * @param historyGauges whether to register the gauges read from it, asked when a registry is bound; false when
     * the migrations run per tenant
     */
    public MigrationsMetrics(MigrationStatusService statusService, BooleanSupplier historyGauges) {
        this.statusService = statusService;
        this.historyGauges = historyGauges;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.statusService.whenDatabaseSizeKnown(() -> Gauge.builder("migrations.database.size", this,
                MigrationsMetrics::databaseSizeBytes)
            .description("Size of the database, sampled and cached")
            .baseUnit(BaseUnits.BYTES)
            .register(registry));
        if (this.historyGauges.getAsBoolean()) {
            bindHistoryGauges(registry);
        }
        List<MigrationOutcome> replay;
        synchronized (this.unboundOutcomes) {
            this.registries.add(registry);
            replay = List.copyOf(this.unboundOutcomes);
        }
        replay.forEach((outcome) -> record(registry, outcome));
    }

    private void bindHistoryGauges(MeterRegistry registry) {
        Gauge.builder("migrations.drift", this, MigrationsMetrics::drifted)
            .description("1 when the live schema differs from the one the last migration run recorded, else 0")
            .register(registry);
        statusGauge(registry, "migrations.pending", "Migrations in the code that were never applied",
                (status) -> status.count(MigrationState.PENDING));
        statusGauge(registry, "migrations.failed", "Migrations whose last run failed",
                (status) -> status.count(MigrationState.FAILED));
        Gauge.builder("migrations.last.applied.timestamp", this,
                (metrics) -> metrics.fromStatus(MigrationsMetrics::lastAppliedEpochSeconds))
            .description("When the newest applied migration was applied, from the history table")
            .baseUnit("seconds")
            .register(registry);
        DomainGauges gauges = new DomainGauges(
                MultiGauge.builder("migrations.applied")
                    .description("Migrations applied, by domain, from the history table")
                    .register(registry),
                MultiGauge.builder("migrations.applied.duration")
                    .description("Execution time of the applied migrations added up, by domain, from the history"
                            + " table")
                    .baseUnit("seconds")
                    .register(registry));
        this.domainGauges.add(gauges);
        currentStatus().ifPresent(gauges::update);
    }

    private void statusGauge(MeterRegistry registry, String name, String description,
            ToDoubleFunction<MigrationStatus> value) {
        Gauge.builder(name, this, (metrics) -> metrics.fromStatusFollowingDomains(value))
            .description(description)
            .register(registry);
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

    @Override
    public void runFinished(Operation operation, MigrationStatus status) {
        this.domainGauges.forEach((gauges) -> gauges.update(status));
    }

    private void record(MeterRegistry registry, MigrationOutcome outcome) {
        Timer.builder("migrations.execution")
            .description("Time taken by each migration this process ran")
            .tag("domain", outcome.domain())
            .tag("direction", outcome.direction().tag())
            .tag("outcome", outcome.outcome().tag())
            .register(registry)
            .record(outcome.executionTime());
    }

    private Optional<MigrationStatus> currentStatus() {
        try {
            return Optional.of(this.statusService.current().status());
        }
        catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    /** 1 when the last comparison found drift; 0 otherwise, also while not compared yet. */
    private double drifted() {
        try {
            SchemaDrift drift = this.statusService.current().drift();
            return (drift != null && drift.isDrifted()) ? 1 : 0;
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }

    /** A value of the current status; NaN while the status cannot be read. */
    private double fromStatus(ToDoubleFunction<MigrationStatus> value) {
        return currentStatus().map(value::applyAsDouble).orElse(Double.NaN);
    }

    /**
     * The same, and the domain rows follow the status: a scrape may be the first to see a status that another
     * request read, with a domain that is new here (the database was down at bind time, say).
     */
    private double fromStatusFollowingDomains(ToDoubleFunction<MigrationStatus> value) {
        return currentStatus().map((status) -> {
            this.domainGauges.forEach((gauges) -> gauges.update(status));
            return value.applyAsDouble(status);
        }).orElse(Double.NaN);
    }

    private static double lastAppliedEpochSeconds(MigrationStatus status) {
        return status.inState(MigrationState.APPLIED)
            .stream()
            .map(MigrationStatusEntry::appliedAt)
            .filter(Objects::nonNull)
            .max(Instant::compareTo)
            .map((instant) -> instant.getEpochSecond() + instant.getNano() / 1e9)
            .orElse(Double.NaN);
    }

    private static double appliedCount(MigrationStatus status, String domain) {
        return status.inState(MigrationState.APPLIED).stream().filter((entry) -> entry.domain().equals(domain)).count();
    }

    private static double appliedSeconds(MigrationStatus status, String domain) {
        return status.inState(MigrationState.APPLIED)
            .stream()
            .filter((entry) -> entry.domain().equals(domain))
            .map(MigrationStatusEntry::executionTime)
            .filter(Objects::nonNull)
            .mapToLong(Duration::toNanos)
            .sum() / 1e9;
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

    /** The per-domain gauges of one registry, with one row per domain the status knows. */
    private final class DomainGauges {

        private final MultiGauge applied;

        private final MultiGauge duration;

        private @Nullable Set<String> domains;

        DomainGauges(MultiGauge applied, MultiGauge duration) {
            this.applied = applied;
            this.duration = duration;
        }

        synchronized void update(MigrationStatus status) {
            Set<String> current = new TreeSet<>();
            status.entries().forEach((entry) -> current.add(entry.domain()));
            if (current.equals(this.domains)) {
                return;
            }
            this.domains = current;
            this.applied.register(current.stream()
                .map((domain) -> MultiGauge.Row.of(Tags.of("domain", domain), MigrationsMetrics.this,
                        (metrics) -> metrics.fromStatus((now) -> appliedCount(now, domain))))
                .toList(), true);
            this.duration.register(current.stream()
                .map((domain) -> MultiGauge.Row.of(Tags.of("domain", domain), MigrationsMetrics.this,
                        (metrics) -> metrics.fromStatus((now) -> appliedSeconds(now, domain))))
                .toList(), true);
        }
    }
}
