package dev.saferoll.migrations.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceHygieneTests {

    private static final int STATUS_CALLS = Integer.getInteger("saferoll.reliability.status-calls", 1000);

    private static final int CYCLES = Integer.getInteger("saferoll.reliability.cycles", 100);

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
    void manyStatusCallsAndMigrateRollbackCyclesLeakNoConnectionThreadOrLock() {
        DatabaseProbe probe = new DatabaseProbe(this.database);
        CountingDataSource counting = new CountingDataSource(this.database.dataSource());
        Migrations migrations = Migrations.builder()
            .dataSource(counting.dataSource())
            .migrations(ReliabilityMigrations.reversible())
            .build();
        migrations.status();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        long sessionsBefore = probe.sessions();

        for (int i = 0; i < STATUS_CALLS; i++) {
            assertThat(migrations.status().entries()).hasSize(1);
        }
        for (int i = 0; i < CYCLES; i++) {
            assertThat(migrations.migrate().count()).isEqualTo(1);
            assertThat(migrations.rollback(1, RollbackOptions.defaults()).count()).isEqualTo(1);
        }

        assertThat(counting.opened()).isGreaterThan(STATUS_CALLS + 4 * CYCLES);
        assertThat(counting.closed()).isEqualTo(counting.opened());
        assertThat(probe.advisoryLocks()).isZero();
        // Each probe opens a connection of its own whose backend exits asynchronously after close, so a second
        // probe right after the wait can see the first one's backend; the wait is the assertion.
        DatabaseProbe.await("closed sessions have left pg_stat_activity", Duration.ofSeconds(30),
                () -> probe.sessions() <= sessionsBefore);
        // A leak shows as growth; other tests' idle threads may end meanwhile, so fewer is fine.
        assertThat(threads.getThreadCount()).isLessThanOrEqualTo(threadsBefore + 3);
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations WHERE status = 'ROLLED_BACK'"))
            .isEqualTo(CYCLES);
        assertThat(this.database.tableExists("cycled")).isFalse();
    }
}
