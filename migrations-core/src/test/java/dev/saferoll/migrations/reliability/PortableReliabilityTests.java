package dev.saferoll.migrations.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The many-instances and kill -9 guarantees on a dialect whose DDL commits implicitly (H2, MariaDB), with runners in
 * JVMs of their own. Each migration is applied exactly once however many runners start together. A runner killed
 * midway cannot roll its DDL back, but it leaves its migration recorded as in progress, so the next run stops with
 * the version and the fix rather than starting over on a half-changed schema; its lock dies with it.
 */
abstract class PortableReliabilityTests {

    private static final Pattern APPLIED = Pattern.compile("RESULT applied=(\\d+)");

    private static final int PROCESSES = Integer.getInteger("saferoll.reliability.dialect-processes", 4);

    private static final Duration START = Duration.ofSeconds(60);

    private TestDatabase database;

    /** A new, empty database that launchers in other JVMs can reach. */
    protected abstract TestDatabase createSharedDatabase();

    @BeforeEach
    void createDatabase() {
        this.database = createSharedDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void separateJvmsStartingTogetherApplyEachMigrationExactlyOnce() {
        List<Launched> launched = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            launched.add(Launched.start(this.database.url(), "tables-20"));
        }
        int applied = 0;
        for (Launched process : launched) {
            assertThat(process.waitFor(Duration.ofMinutes(3))).as(process.output()).isZero();
            Matcher matcher = APPLIED.matcher(process.result());
            assertThat(matcher.matches()).as(process.output()).isTrue();
            applied += Integer.parseInt(matcher.group(1));
        }
        assertThat(applied).isEqualTo(20);
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations WHERE status = 'APPLIED'"))
            .isEqualTo(20);
        assertThat(this.database.queryForLong("SELECT count(DISTINCT version) FROM schema_migrations")).isEqualTo(20);
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations")).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(this.database.tableExists("t" + i)).as("table t%d", i).isTrue();
        }
    }

    @Test
    void killedRunnerLeavesItsMigrationInterruptedAndItsLockFree() {
        Launched crashed = Launched.start(this.database.url(), "builder-then-sleep");
        // The kill comes once the builder's table exists: the row is written first, the table a moment later.
        crashed.await("the migration is recorded in progress and sleeps", START,
                () -> inProgressRows() == 1 && this.database.tableExists("slow_table"));
        crashed.kill();

        assertThat(this.database.tableExists("slow_table")).isTrue();
        Migrations restarted = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(ReliabilityMigrations.builderThenSleep(0))
            .lockWaitTimeout(Duration.ofSeconds(30))
            .build();
        String version = ReliabilityMigrations.at(0).value();
        assertThat(restarted.status().find(ReliabilityMigrations.at(0)).get().state())
            .as("started, never finished, and nobody holds the lock").isEqualTo(MigrationState.INTERRUPTED);
        assertThatExceptionOfType(MigrationValidationException.class).as("the lock is free, the record stops the run")
            .isThrownBy(restarted::migrate)
            .withMessageContaining(version)
            .withMessageContaining("interrupted")
            .withMessageContaining("db:reset " + version);

        this.database.execute("DROP TABLE slow_table");
        assertThat(restarted.reset(ReliabilityMigrations.at(0))).isTrue();
        assertThat(restarted.migrate().count()).isEqualTo(1);
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("APPLIED");
        assertThat(this.database.tableExists("slow_table")).isTrue();
    }

    private long inProgressRows() {
        try {
            return this.database.queryForLong("SELECT count(*) FROM schema_migrations WHERE status = 'FAILED' "
                    + "AND execution_time_ms = -1");
        }
        catch (IllegalStateException ex) {
            return 0;
        }
    }
}
