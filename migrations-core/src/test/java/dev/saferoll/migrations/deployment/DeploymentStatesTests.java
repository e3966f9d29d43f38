package dev.saferoll.migrations.deployment;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The states that overlapping releases, long migrations and crashes produce, and what a run does about them. */
class DeploymentStatesTests {

    private static final String V1 = "2024_01_01_100000";

    private static final String V2 = "2024_01_02_100000";

    private static final String V3 = "2024_01_03_100000";

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void aNewerReleasesMigrationIsFutureAndToleratedByTheOlderRelease() {
        builder(table(V1, "one"), table(V2, "two")).build().migrate();
        Migrations release1 = builder(table(V1, "one")).build();

        MigrationStatus status = release1.status();
        assertThat(state(status, V2)).isEqualTo(MigrationState.FUTURE);
        assertThat(status.currentVersion()).contains(version(V2));
        assertThat(status.needsAttention()).isFalse();
        assertThat(release1.migrate().count()).isZero();
        assertThatExceptionOfType(RollbackRefusedException.class)
            .isThrownBy(() -> release1.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining("newer release");
    }

    @Test
    void failOnFutureRefusesANewerReleasesMigration() {
        builder(table(V1, "one"), table(V2, "two")).build().migrate();
        assertThatExceptionOfType(MigrationValidationException.class)
            .isThrownBy(() -> builder(table(V1, "one"), table(V3, "three")).failOnFuture(false).build().migrate()
                .count())
            .withMessageContaining("no longer in the code");
        assertThatExceptionOfType(MigrationValidationException.class)
            .isThrownBy(() -> builder(table(V1, "one")).failOnFuture(true).build().migrate())
            .withMessageContaining(V2)
            .withMessageContaining("migrations.fail-on-future");
    }

    @Test
    void aDeletedMigrationOlderThanTheNewestInTheCodeIsMissing() {
        builder(table(V1, "one"), table(V2, "two")).build().migrate();
        MigrationStatus status = builder(table(V2, "two")).build().status();
        assertThat(state(status, V1)).isEqualTo(MigrationState.MISSING);
        assertThat(status.needsAttention()).isTrue();
    }

    @Test
    void aNonTransactionalMigrationInProgressIsRunningWithItsHolderAndAnotherRunWaitsForIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Migration slow = TestMigration.nonTransactional(V1, "Build an index slowly", (connection) -> {
            connection.execute("CREATE TABLE big (id integer)");
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> builder = executor.submit(() -> builder(slow).build().migrate().count());
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            Migrations other = builder(slow).lockWaitTimeout(Duration.ofSeconds(30)).build();

            MigrationStatusEntry entry = other.status().find(version(V1)).orElseThrow();
            assertThat(entry.state()).isEqualTo(MigrationState.RUNNING);
            assertThat(entry.runningOn()).startsWith("pid ").contains("since");
            assertThat(other.status().needsAttention()).isFalse();

            Future<Integer> waiting = Executors.newSingleThreadExecutor().submit(() -> other.migrate().count());
            release.countDown();
            assertThat(builder.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(state(other.status(), V1)).isEqualTo(MigrationState.APPLIED);
        }
        finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void anInProgressRowWithoutALockHolderIsInterruptedAndNeedsAReset() {
        Migrations migrations = builder(table(V1, "one")).build();
        migrations.migrate();
        this.database.execute("INSERT INTO schema_migrations (version, description, domain, reversible, status, "
                + "applied_at, applied_by, execution_time_ms) VALUES ('" + V2 + "', 'Index concurrently', 'Test', "
                + "false, 'FAILED', now(), 'someone', -1)");
        Migrations release2 = builder(table(V1, "one"), table(V2, "two")).build();

        assertThat(state(release2.status(), V2)).isEqualTo(MigrationState.INTERRUPTED);
        assertThat(release2.status().needsAttention()).isTrue();
        assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(release2::migrate)
            .withMessageContaining("interrupted")
            .withMessageContaining("db:reset " + V2);
        assertThat(release2.reset(version(V2))).isTrue();
        assertThat(release2.migrate().count()).isEqualTo(1);
    }

    @Test
    void aStepCountAppliesOnlyTheNextPendingMigrations() {
        Migrations migrations = builder(table(V1, "one"), table(V2, "two"), table(V3, "three")).build();
        assertThat(migrations.migrate(MigrateOptions.defaults().withTarget(MigrationTarget.next(1))).migrations())
            .extracting((outcome) -> outcome.version().value())
            .containsExactly(V1);
        assertThat(migrations.migrate(MigrateOptions.defaults().withTarget(MigrationTarget.next(5))).count())
            .isEqualTo(2);
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> MigrationTarget.next(0))
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void aWaitingInstanceStartsOnceAJobHasMigrated() throws Exception {
        Migrations instance = builder(table(V1, "one"), table(V2, "two")).build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<MigrationStatus> waiting = executor.submit(() -> instance.awaitUpToDate(Duration.ofSeconds(30)));
            Thread.sleep(1500);
            assertThat(waiting).isNotDone();
            builder(table(V1, "one"), table(V2, "two")).build().migrate();
            assertThat(waiting.get(30, TimeUnit.SECONDS).currentVersion()).contains(version(V2));
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aWaitingInstanceGivesUpSayingWhatToRun() {
        Migrations instance = builder(table(V1, "one")).build();
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> instance.awaitUpToDate(Duration.ofSeconds(1)))
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.NOT_MIGRATED))
            .withMessageContaining(V1)
            .withMessageContaining("db:migrate");
        assertThat(this.database.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void aWaitingInstanceFailsAtOnceOnAFailedMigration() {
        Migration broken = TestMigration.forwardOnly(V1, "Broken", (connection) -> connection.execute("SELEKT 1"));
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> builder(broken).build().migrate());
        long start = System.nanoTime();
        assertThatExceptionOfType(MigrationValidationException.class)
            .isThrownBy(() -> builder(broken).build().awaitUpToDate(Duration.ofMinutes(5)))
            .withMessageContaining("db:reset " + V1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
    }

    private MigrationsConfiguration.Builder builder(Migration... migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(List.of(migrations));
    }

    private static Migration table(String version, String name) {
        return TestMigration.forwardOnly(version, "Create " + name,
                (connection) -> connection.execute("CREATE TABLE " + name + " (id integer)"));
    }

    private static MigrationState state(MigrationStatus status, String version) {
        return status.find(version(version)).orElseThrow().state();
    }

    private static MigrationVersion version(String text) {
        return MigrationVersion.fromTimestamp(text);
    }
}
