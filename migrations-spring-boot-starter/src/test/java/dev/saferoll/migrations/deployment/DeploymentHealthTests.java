package dev.saferoll.migrations.deployment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.health.MigrationsHealthIndicator;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** What the health of one instance says while other instances and releases do their part. */
class DeploymentHealthTests {

    private TestDatabase database;

    private final List<MigrationStatusService> services = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.services.forEach(MigrationStatusService::close);
        this.database.close();
    }

    @Test
    void anOlderReleaseStaysUpAndNamesTheNewerReleasesMigration() {
        migrations(TestMigration.createTable("2024_01_01_100000", "one"),
                TestMigration.createTable("2024_01_02_100000", "two")).migrate();
        Health health = health(migrations(TestMigration.createTable("2024_01_01_100000", "one")));
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("future", List.of("2024_01_02_100000"))
            .containsEntry("currentVersion", "2024_01_02_100000");
    }

    @Test
    void otherInstancesStayUpWhileOneBuildsAnIndexConcurrentlyAndGoDownWhenItIsKilled() throws Exception {
        this.database.execute("CREATE TABLE big (id integer)");
        CountDownLatch building = new CountDownLatch(1);
        Migration index = new SlowIndex(building);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> builder = executor.submit(() -> {
                migrations(index).migrate();
            });
            assertThat(building.await(30, TimeUnit.SECONDS)).isTrue();
            Health during = health(migrations(index));
            assertThat(during.getStatus()).isEqualTo(Status.UP);
            assertThat(during.getDetails().get("running").toString()).contains("2024_01_01_100000 on pid ");

            this.database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            try {
                builder.get(30, TimeUnit.SECONDS);
            }
            catch (Exception expected) {
                // The builder's connections were killed.
            }
            Health after = health(migrations(index));
            assertThat(after.getStatus()).isEqualTo(Status.DOWN);
            assertThat(after.getDetails()).containsEntry("interrupted", List.of("2024_01_01_100000"));
            assertThat(after.getDetails().get("action").toString()).contains("db:reset 2024_01_01_100000");
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void healthAnswersWithinTheReadTimeoutWhileTheDatabaseHangsAndConcurrentChecksDoNotPileUp() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    }
                    catch (IOException ex) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Migrations hanging = migrationsAt("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                    + "/nowhere?user=postgres&connectTimeout=60&socketTimeout=120");
            MigrationStatusService service = service(hanging, Duration.ofSeconds(1));
            MigrationsHealthIndicator indicator = new MigrationsHealthIndicator(service);

            long start = System.nanoTime();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

            ExecutorService callers = Executors.newFixedThreadPool(20);
            try {
                List<Future<Health>> answers = new ArrayList<>();
                long concurrentStart = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    answers.add(callers.submit(() -> indicator.health()));
                }
                for (Future<Health> answer : answers) {
                    assertThat(answer.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(Status.DOWN);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - concurrentStart)).isLessThan(Duration.ofSeconds(2));
                assertThat(accepted).as("one hanging read, not one per caller").hasSizeLessThanOrEqualTo(1);
            }
            finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aHealthyInstanceStaysUpWithAStaleSnapshotWhenItsDatabaseStopsAnswering() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    }
                    catch (IOException ex) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Migrations real = migrations(TestMigration.createTable("2024_01_01_100000", "one"));
            MigrationStatusService service = service(real, Duration.ofSeconds(1));
            real.migrate();
            service.runFinished(dev.saferoll.migrations.MigrationListener.Operation.MIGRATE, real.status());
            MigrationStatusService hangingService = new MigrationStatusService(() -> migrationsAt(
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/nowhere?user=postgres"),
                    Duration.ZERO, Duration.ofSeconds(1));
            this.services.add(hangingService);
            hangingService.runFinished(dev.saferoll.migrations.MigrationListener.Operation.MIGRATE, real.status());

            long start = System.nanoTime();
            Health health = new MigrationsHealthIndicator(hangingService).health();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("stale", true).containsKey("ageSeconds")
                .containsEntry("currentVersion", "2024_01_01_100000");
        }
    }

    @Test
    void aClosedPortIsAnsweredAtOnce() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        MigrationStatusService service = service(
                migrationsAt("jdbc:postgresql://127.0.0.1:" + closed + "/nowhere?user=postgres"), Duration.ofSeconds(3));
        long start = System.nanoTime();
        Health health = new MigrationsHealthIndicator(service).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    private Health health(Migrations migrations) {
        return new MigrationsHealthIndicator(service(migrations, Duration.ofSeconds(5))).health();
    }

    private MigrationStatusService service(Migrations migrations, Duration readTimeout) {
        MigrationStatusService service = new MigrationStatusService(() -> migrations, Duration.ofSeconds(60),
                readTimeout);
        this.services.add(service);
        return service;
    }

    private Migrations migrations(Migration... migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations).build();
    }

    private static Migrations migrationsAt(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        return Migrations.builder().dataSource(dataSource).connectRetries(0).build();
    }

    /** A non-transactional index build that takes as long as the test needs. */
    private static final class SlowIndex implements Migration {

        private final CountDownLatch building;

        SlowIndex(CountDownLatch building) {
            this.building = building;
        }

        @Override
        public void up(dev.saferoll.migrations.MigrationConnection connection) {
            this.building.countDown();
            connection.execute("SELECT pg_sleep(60)");
            connection.execute("CREATE INDEX CONCURRENTLY big_id ON big (id)");
        }

        @Override
        public dev.saferoll.migrations.MigrationVersion getVersion() {
            return dev.saferoll.migrations.MigrationVersion.fromTimestamp("2024_01_01_100000");
        }

        @Override
        public String getDescription() {
            return "Index big concurrently";
        }

        @Override
        public boolean isTransactional() {
            return false;
        }
    }
}
