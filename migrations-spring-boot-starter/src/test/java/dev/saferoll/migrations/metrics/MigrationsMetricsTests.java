package dev.saferoll.migrations.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.status.MutableClock;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestH2;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
        assertThat(this.dataSource.connections).as("one status read and one size read").hasValue(2);
        assertThat(this.registry.get("migrations.database.size").gauge().getId().getBaseUnit()).isEqualTo("bytes");
        this.clock.advance(Duration.ofSeconds(60));
        this.registry.get("migrations.database.size").gauge().value();
        assertThat(this.dataSource.connections).hasValue(4);
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
