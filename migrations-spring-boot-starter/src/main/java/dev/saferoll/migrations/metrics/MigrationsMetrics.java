package dev.saferoll.migrations.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.autoconfigure.MigrationStatusSnapshots;
import dev.saferoll.migrations.schema.grammar.Dialect;

/**
 * Micrometer metrics for migrations:
 * <ul>
 * <li>timer {@code migrations.execution}, tagged {@code domain}, {@code direction} ({@code up}/{@code down}) and
 * {@code outcome} ({@code success}/{@code failed}/{@code dry_run}), one sample per migration run;</li>
 * <li>gauge {@code migrations.database.size} in bytes;</li>
 * <li>gauges {@code migrations.pending}, {@code migrations.applied} and {@code migrations.failed}.</li>
 * </ul>
 * The gauges read cached values: the database size and the status are read again at most once per
 * {@code migrations.metrics.refresh-interval}, never once per scrape. Migrations that run before a registry is bound
 * (the startup run) are recorded when it is bound.
 */
public class MigrationsMetrics implements MeterBinder, MigrationListener {

    private static final Log logger = LogFactory.getLog(MigrationsMetrics.class);

    private static final int MAX_BUFFERED_OUTCOMES = 10_000;

    private final MigrationStatusSnapshots snapshots;

    private final DataSource dataSource;

    private final Duration refreshInterval;

    private final Clock clock;

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private final List<MigrationOutcome> unboundOutcomes = new ArrayList<>();

    private final Object sizeMonitor = new Object();

    private volatile @Nullable Long databaseSize;

    private volatile @Nullable Instant databaseSizeReadAt;

    public MigrationsMetrics(MigrationStatusSnapshots snapshots, DataSource dataSource, Duration refreshInterval) {
        this(snapshots, dataSource, refreshInterval, Clock.systemUTC());
    }

    MigrationsMetrics(MigrationStatusSnapshots snapshots, DataSource dataSource, Duration refreshInterval,
            Clock clock) {
        this.snapshots = snapshots;
        this.dataSource = dataSource;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("migrations.database.size", this, MigrationsMetrics::databaseSizeBytes)
            .description("Size of the database, sampled and cached")
            .baseUnit(BaseUnits.BYTES)
            .register(registry);
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
            if (this.registries.isEmpty()) {
                if (this.unboundOutcomes.size() < MAX_BUFFERED_OUTCOMES) {
                    this.unboundOutcomes.add(outcome);
                }
            }
        }
        this.registries.forEach((registry) -> record(registry, outcome));
        if (outcome.sizeAfterBytes() != null && outcome.outcome() == MigrationOutcome.Outcome.SUCCESS) {
            synchronized (this.sizeMonitor) {
                this.databaseSize = outcome.sizeAfterBytes();
                this.databaseSizeReadAt = this.clock.instant();
            }
        }
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
            return count.applyAsLong(this.snapshots.current());
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }

    /** The sampled database size in bytes, read again when older than the refresh interval; NaN if unknown. */
    double databaseSizeBytes() {
        Instant now = this.clock.instant();
        synchronized (this.sizeMonitor) {
            Instant readAt = this.databaseSizeReadAt;
            if (readAt == null || !now.isBefore(readAt.plus(this.refreshInterval))) {
                this.databaseSizeReadAt = now;
                try {
                    this.databaseSize = readDatabaseSize();
                }
                catch (SQLException | RuntimeException ex) {
                    logger.debug("Could not read the database size", ex);
                }
            }
            Long size = this.databaseSize;
            return (size != null) ? size : Double.NaN;
        }
    }

    private long readDatabaseSize() throws SQLException {
        try (Connection connection = this.dataSource.getConnection()) {
            Dialect dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(dialect.grammar().databaseSizeQuery())) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
