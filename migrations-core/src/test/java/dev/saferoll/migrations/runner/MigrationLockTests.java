package dev.saferoll.migrations.runner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.LockNotAcquiredException;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.database.MigrationLock;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationLockTests {

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
    void waitsForTheHolderThenFailsNamingItsPidAndSucceedsOnceItsConnectionCloses() throws Exception {
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(tables(1))
            .lockWaitTimeout(Duration.ofMillis(300))
            .build();
        MigrationLock lock = Database.of(Dialect.POSTGRESQL)
            .lock(this.database.dataSource(), "public", "schema_migrations");
        try (MigrationLock.Held held = lock.acquire(Duration.ZERO)) {
            String holder = lock.holder().orElseThrow();
            assertThat(holder).matches("pid \\d+ .*");
            assertThatExceptionOfType(LockNotAcquiredException.class).isThrownBy(migrations::migrate)
                .withMessageContaining(holder.substring(0, holder.indexOf(' ', 4)))
                .withMessageContaining("migrations.lock-wait-timeout");
            assertThat(this.database.tableExists("t0")).isFalse();
        }
        assertThat(migrations.migrate().count()).isEqualTo(1);
    }

    @Test
    void eightConcurrentRunnersApplyEachMigrationExactlyOnce() throws Exception {
        List<Migration> twenty = tables(20);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> runners = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Migrations migrations = Migrations.builder().dataSource(this.database.dataSource()).migrations(twenty)
                    .build();
                runners.add(() -> migrations.migrate().count());
            }
            int applied = 0;
            for (Future<Integer> result : executor.invokeAll(runners)) {
                applied += result.get();
            }
            assertThat(applied).isEqualTo(20);
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations WHERE status = 'APPLIED'"))
            .isEqualTo(20);
        assertThat(this.database.queryForLong("SELECT count(DISTINCT version) FROM schema_migrations")).isEqualTo(20);
    }

    @Test
    void lateJoinerReadsTheHistoryAfterTheLockAndAppliesNothing() {
        List<Migration> three = tables(3);
        Migrations late = Migrations.builder().dataSource(this.database.dataSource()).migrations(three).build();
        assertThat(late.status().pending()).hasSize(3);
        Migrations.builder().dataSource(this.database.dataSource()).migrations(three).build().migrate();
        assertThat(late.migrate().count()).isZero();
    }

    @Test
    void lostLockStopsTheRunBeforeTheNextMigration() {
        Migration killLock = TestMigration.forwardOnly("2024_05_01_000000", "terminate the lock holder",
                (connection) -> connection.query("SELECT pg_terminate_backend(pid) FROM pg_locks "
                        + "WHERE locktype = 'advisory' AND pid <> pg_backend_pid()", (row) -> row.getBoolean(1)));
        Migration next = TestMigration.forwardOnly("2024_05_02_000000", "never runs",
                (connection) -> connection.execute("CREATE TABLE never (id int)"));
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(killLock, next)
            .build();
        assertThatExceptionOfType(MigrationException.class).isThrownBy(migrations::migrate)
            .withMessageContaining("lock")
            .withMessageContaining("was lost")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.LOCK_NOT_ACQUIRED));
        assertThat(this.database.tableExists("never")).isFalse();
        assertThat(this.database.queryForStrings("SELECT version FROM schema_migrations"))
            .containsExactly("2024_05_01_000000");
    }

    private static List<Migration> tables(int count) {
        List<Migration> migrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "t" + i;
            migrations.add(TestMigration.forwardOnly(String.format("2024_04_01_%06d", i), "create " + name,
                    (connection) -> new Schema(connection).create(name, (table) -> table.id()).execute()));
        }
        return migrations;
    }
}
