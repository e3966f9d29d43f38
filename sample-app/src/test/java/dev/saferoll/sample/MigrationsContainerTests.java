package dev.saferoll.sample;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.test.MigrationRoundTrip;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's migrations on PostgreSQL in Docker: {@code @ServiceConnection} points the DataSource at the container
 * (and keeps the sample's own embedded PostgreSQL from starting). Skipped where no Docker engine runs; there
 * {@link MigrationsEmbeddedPostgresTests} checks the same on a PostgreSQL without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
class MigrationsContainerTests {

    @Container
    @ServiceConnection
    static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

    @Autowired
    Migrations migrations;

    @Test
    void startupAppliedEveryMigration() {
        MigrationStatus status = this.migrations.status();
        assertThat(status.entries()).hasSize(14)
            .allSatisfy((entry) -> assertThat(entry.state()).isEqualTo(MigrationState.APPLIED));
        assertThat(status.currentVersion()).contains(MigrationVersion.fromTimestamp("2024_06_01_090000"));
    }

    @Test
    void everyReversibleMigrationRollsBackExactly() {
        // The startup run migrated the connection's schema; the round trip needs an empty one.
        Migrations emptySchema = this.migrations.getConfiguration().toBuilder().schema("round_trip").build();
        MigrationRoundTrip.assertAllReversible(emptySchema);
    }
}
