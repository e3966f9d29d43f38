package dev.saferoll.migrations.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.status.MutableClock;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestH2;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class MigrationsMetricsTests {

    private final TestDatabase database = TestPostgres.createDatabase();

    private final CountingDataSource dataSource = new CountingDataSource(this.database);

    private final MutableClock clock = new MutableClock();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void databaseSizeIsSampledAtMostOncePerRefreshInterval() {
        this.snapshotsSource = Migrations.builder().dataSource(this.dataSource).build();
        MigrationStatusService statusService = statusService();
        MigrationsMetrics metrics = new MigrationsMetrics(statusService);
        metrics.bindTo(this.registry);
        statusService.current();
        double size = this.registry.get("migrations.database.size").gauge().value();
        this.registry.get("migrations.database.size").gauge().value();
        this.registry.get("migrations.database.size").gauge().value();
        assertThat(size).isPositive();
        assertThat(this.dataSource.connections).as("a status read, a size read and a drift comparison").hasValue(3);
        assertThat(this.registry.get("migrations.database.size").gauge().getId().getBaseUnit()).isEqualTo("bytes");
        this.clock.advance(Duration.ofSeconds(60));
        this.registry.get("migrations.database.size").gauge().value();
        assertThat(this.dataSource.connections).hasValue(6);
    }

    @Test
    void databaseSizeGaugeIsAbsentRatherThanNaNWhereTheDatabaseCannotTell() {
        try (TestDatabase h2 = TestH2.createDatabase()) {
            this.snapshotsSource = Migrations.builder().dataSource(h2.dataSource()).build();
            MigrationStatusService statusService = statusService();
            new MigrationsMetrics(statusService).bindTo(this.registry);
            statusService.current();
            assertThat(statusService.databaseSize()).isEmpty();
            assertThat(this.registry.find("migrations.database.size").gauge()).isNull();
            assertThat(this.registry.get("migrations.pending").gauge().value()).isZero();
        }
    }

    @Test
    void recordsMigrationsThatRanBeforeTheRegistryWasBound() {
        MigrationStatusService snapshots = statusService();
        MigrationsMetrics metrics = new MigrationsMetrics(snapshots);
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(TestMigration.createTable("2024_01_01_100000", "widgets"),
                    TestMigration.createTable("2024_01_02_100000", "gadgets"))
            .listener(snapshots)
            .listener(metrics)
            .build();
        this.snapshotsSource = migrations;
        migrations.migrate();
        metrics.bindTo(this.registry);
        assertThat(this.registry.get("migrations.execution")
            .tags("domain", "Test", "direction", "up", "outcome", "success")
            .timer()
            .count()).isEqualTo(2);
        assertThat(this.registry.get("migrations.applied").gauge().value()).isEqualTo(2);
        assertThat(this.registry.get("migrations.pending").gauge().value()).isZero();
    }

    @Test
    void failedMigrationIsTaggedFailedAndCounted() {
        MigrationStatusService snapshots = statusService();
        MigrationsMetrics metrics = new MigrationsMetrics(snapshots);
        metrics.bindTo(this.registry);
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(TestMigration.failing("2024_01_01_100000"))
            .listener(snapshots)
            .listener(metrics)
            .build();
        this.snapshotsSource = migrations;
        assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(migrations::migrate);
        assertThat(this.registry.get("migrations.execution").tag("outcome", "failed").timer().count()).isEqualTo(1);
        assertThat(this.registry.get("migrations.failed").gauge().value()).isEqualTo(1);
        assertThat(this.registry.get("migrations.pending").gauge().value()).isZero();
    }

    @Test
    void driftGaugeIsOneOnceAChangeByHandIsComparedAndZeroOtherwise() {
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(TestMigration.createTable("2024_01_01_100000", "widgets", "Catalog"))
            .build();
        migrations.migrate();
        this.snapshotsSource = migrations;
        MigrationStatusService statusService = statusService();
        new MigrationsMetrics(statusService).bindTo(this.registry);
        assertThat(this.registry.get("migrations.drift").gauge().value()).isZero();

        this.database.execute("ALTER TABLE widgets ADD COLUMN added_by_hand text");
        assertThat(this.registry.get("migrations.drift").gauge().value()).as("compared once per interval").isZero();
        this.clock.advance(Duration.ofSeconds(60));
        assertThat(this.registry.get("migrations.drift").gauge().value()).isEqualTo(1);
    }

    @Test
    void historyGaugesShowTheAppliedMigrationsFromTheFirstScrapeOnAndAfterARestart() {
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(TestMigration.createTable("2024_01_01_100000", "widgets", "Catalog"),
                    TestMigration.createTable("2024_01_02_100000", "gadgets", "Catalog"),
                    TestMigration.createTable("2024_01_03_100000", "invoices", "Billing"))
            .build();
        migrations.migrate();
        // A restart with nothing pending: a new process, a new registry, no run.
        this.snapshotsSource = migrations;
        new MigrationsMetrics(statusService()).bindTo(this.registry);
        assertThat(this.registry.get("migrations.applied").tag("domain", "Catalog").gauge().value()).isEqualTo(2);
        assertThat(this.registry.get("migrations.applied").tag("domain", "Billing").gauge().value()).isEqualTo(1);
        for (String domain : List.of("Catalog", "Billing")) {
            double historySeconds = this.database.queryForLong("SELECT coalesce(sum(execution_time_ms), 0) FROM"
                    + " schema_migrations WHERE status = 'APPLIED' AND domain = '" + domain + "'") / 1000.0;
            assertThat(this.registry.get("migrations.applied.duration").tag("domain", domain).gauge().value())
                .isCloseTo(historySeconds, within(0.0015));
        }
        long lastAppliedMillis = this.database.queryForLong("SELECT (extract(epoch FROM max(applied_at)) * 1000)::bigint"
                + " FROM schema_migrations WHERE status = 'APPLIED'");
        assertThat(this.registry.get("migrations.last.applied.timestamp").gauge().value() * 1000)
            .isCloseTo(lastAppliedMillis, within(1.0));
        assertThat(this.registry.get("migrations.last.applied.timestamp").gauge().getId().getBaseUnit())
            .isEqualTo("seconds");
        assertThat(this.registry.find("migrations.execution").timer()).as("this process ran nothing").isNull();
    }

    @Test
    void dryRunsAreTaggedApartAndNeverCountAsApplied() {
        MigrationStatusService snapshots = statusService();
        MigrationsMetrics metrics = new MigrationsMetrics(snapshots);
        metrics.bindTo(this.registry);
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(TestMigration.createTable("2024_01_01_100000", "widgets"))
            .listener(snapshots)
            .listener(metrics)
            .build();
        this.snapshotsSource = migrations;
        migrations.migrate(MigrateOptions.defaults().withDryRun(true));
        assertThat(this.registry.get("migrations.execution").tag("outcome", "dry_run").timer().count()).isEqualTo(1);
        assertThat(this.registry.find("migrations.execution").tag("outcome", "success").timer()).isNull();
        assertThat(this.registry.get("migrations.applied").tag("domain", "Test").gauge().value()).isZero();
        assertThat(this.registry.get("migrations.applied.duration").tag("domain", "Test").gauge().value()).isZero();
        assertThat(this.registry.get("migrations.last.applied.timestamp").gauge().value()).isNaN();
        assertThat(this.registry.get("migrations.pending").gauge().value()).isEqualTo(1);
    }

    @Test
    void aRollbackLowersTheAppliedCountAndLeavesPendingToThePendingState() {
        MigrationStatusService snapshots = statusService();
        MigrationsMetrics metrics = new MigrationsMetrics(snapshots);
        metrics.bindTo(this.registry);
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(TestMigration.createTable("2024_01_01_100000", "widgets"),
                    TestMigration.reversibleCreateTable("2024_01_02_100000", "gadgets"))
            .listener(snapshots)
            .listener(metrics)
            .build();
        this.snapshotsSource = migrations;
        migrations.migrate();
        assertThat(this.registry.get("migrations.applied").gauge().value()).isEqualTo(2);
        migrations.rollback(1, RollbackOptions.defaults());
        assertThat(this.registry.get("migrations.applied").gauge().value()).isEqualTo(1);
        assertThat(this.registry.get("migrations.pending").gauge().value()).as("ROLLED_BACK is not PENDING").isZero();
        assertThat(this.registry.get("migrations.execution").tag("direction", "down").timer().count()).isEqualTo(1);
    }

    private Migrations snapshotsSource;

    private MigrationStatusService statusService() {
        return new MigrationStatusService(() -> this.snapshotsSource, Duration.ofSeconds(60), Duration.ofSeconds(5),
                this.clock);
    }

    static class CountingDataSource extends DelegatingDataSource {

        final AtomicInteger connections = new AtomicInteger();

        CountingDataSource(TestDatabase database) {
            super(database.dataSource());
        }

        @Override
        public Connection getConnection() throws SQLException {
            this.connections.incrementAndGet();
            return super.getConnection();
        }
    }
}
