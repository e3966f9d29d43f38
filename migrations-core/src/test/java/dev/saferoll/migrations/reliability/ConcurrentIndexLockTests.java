package dev.saferoll.migrations.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ConcurrentIndexLockTests {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        this.database.execute("CREATE TABLE events (id bigint, kind text)");
        this.database.execute("INSERT INTO events SELECT g, 'kind' || (g % 97) FROM generate_series(1, 20000) g");
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void createIndexConcurrentlyCompletesWhileAnotherRunnerWaitsForTheLock() {
        DatabaseProbe probe = new DatabaseProbe(this.database);
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        Migration index = new TestMigration(ReliabilityMigrations.at(0), "index events concurrently",
                (connection) -> {
                    waiting.get();
                    connection.execute("CREATE INDEX CONCURRENTLY events_kind_index ON events (kind)");
                }, false);
        List<Migration> migrations = List.of(index);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                Future<MigrateResult> first = executor.submit(() -> runner(migrations).migrate());
                DatabaseProbe.await("the first runner holds the lock", Duration.ofSeconds(30), probe::migrationLockHeld);
                Future<MigrateResult> second = executor.submit(() -> runner(migrations).migrate());
                DatabaseProbe.await("the second runner polls for the lock", Duration.ofSeconds(30),
                        () -> this.database.queryForLong("SELECT count(*) FROM pg_stat_activity "
                                + "WHERE datname = current_database() AND query LIKE '%pg_try_advisory_lock%' "
                                + "AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')") >= 1);
                waiting.complete(null);
                assertThat(first.get().count()).isEqualTo(1);
                assertThat(second.get().count()).isZero();
            });
        }
        finally {
            waiting.complete(null);
            executor.shutdownNow();
        }
        assertThat(this.database.queryForStrings("SELECT indisvalid::text FROM pg_index "
                + "WHERE indexrelid = 'events_kind_index'::regclass")).containsExactly("true");
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("APPLIED");
    }

    private Migrations runner(List<Migration> migrations) {
        return Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(migrations)
            .lockWaitTimeout(Duration.ofSeconds(50))
            .build();
    }
}
