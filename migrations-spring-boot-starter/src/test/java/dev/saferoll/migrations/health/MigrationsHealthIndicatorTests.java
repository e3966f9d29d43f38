package dev.saferoll.migrations.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationsHealthIndicatorTests {

    private final TestDatabase database = TestPostgres.createDatabase();

    private Migrations migrations;

    private final MigrationStatusService snapshots = new MigrationStatusService(() -> this.migrations,
            Duration.ofSeconds(60), Duration.ofSeconds(5));

    private final MigrationsHealthIndicator indicator = new MigrationsHealthIndicator(this.snapshots);

    @AfterEach
    void dropDatabase() {
        this.snapshots.close();
        this.database.close();
    }

    @Test
    void upWithCurrentVersionAndPendingCount() {
        this.migrations = builder().migrations(TestMigration.createTable("2024_01_01_100000", "widgets"))
            .listener(this.snapshots)
            .build();
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("currentVersion", "none").containsEntry("pending", 1);
        this.migrations.migrate();
        assertThat(this.indicator.health().getDetails()).containsEntry("currentVersion", "2024_01_01_100000")
            .containsEntry("pending", 0);
    }

    @Test
    void downListingFailedMigrations() {
        this.migrations = builder().migrations(TestMigration.createTable("2024_01_01_100000", "widgets"),
                TestMigration.failing("2024_01_02_100000")).build();
        assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(this.migrations::migrate);
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("failed", List.of("2024_01_02_100000"))
            .containsKey("action");
    }

    @Test
    void schemaDriftIsADetailOfAnUpHealth() {
        this.migrations = builder().migrations(TestMigration.createTable("2024_01_01_100000", "widgets")).build();
        this.migrations.migrate();
        this.database.execute("ALTER TABLE widgets ADD COLUMN by_hand integer");
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("drift", List.of("+ column widgets.by_hand integer"));
    }

    @Test
    void downListingMissingMigrations() {
        builder().migrations(TestMigration.createTable("2024_01_01_100000", "widgets")).build().migrate();
        this.migrations = builder().migrations(TestMigration.createTable("2024_01_02_100000", "gadgets")).build();
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("missing", List.of("2024_01_01_100000"));
    }

    @Test
    void outOfServiceWhileMigrationsRun() {
        List<Status> seenDuringRun = new ArrayList<>();
        MigrationListener probe = new MigrationListener() {
            @Override
            public void migrationFinished(MigrationOutcome outcome) {
                seenDuringRun.add(MigrationsHealthIndicatorTests.this.indicator.health().getStatus());
            }
        };
        this.migrations = builder().migrations(TestMigration.createTable("2024_01_01_100000", "widgets"))
            .listener(this.snapshots)
            .listener(probe)
            .build();
        this.migrations.migrate();
        assertThat(seenDuringRun).containsExactly(Status.OUT_OF_SERVICE);
        assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    private MigrationsConfiguration.Builder builder() {
        return Migrations.builder().dataSource(this.database.dataSource());
    }
}
