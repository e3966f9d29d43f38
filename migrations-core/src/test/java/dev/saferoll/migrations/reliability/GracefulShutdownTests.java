package dev.saferoll.migrations.reliability;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

class GracefulShutdownTests {

    private TestDatabase database;

    private DatabaseProbe probe;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        this.probe = new DatabaseProbe(this.database);
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void sigtermDuringATransactionalMigrationLetsItFinishThenReleasesTheLock() {
        Launched launcher = Launched.start(this.database.url(), "short-slow");
        launcher.await("the migration runs", Duration.ofSeconds(60),
                () -> this.probe.migrationLockHeld() && this.probe.running("pg_sleep"));
        launcher.process().destroy();
        launcher.waitFor(Duration.ofSeconds(60));

        assertThat(launcher.result()).as(launcher.output()).isEqualTo("RESULT applied=1");
        assertThat(this.database.tableExists("slow_table")).isTrue();
        assertThat(this.probe.historyRows("status = 'APPLIED'")).isEqualTo(1);
        assertThat(this.probe.historyRows("true")).isEqualTo(1);
        DatabaseProbe.await("the launcher's sessions are gone", Duration.ofSeconds(30), () -> this.probe.sessions() == 0);
        assertThat(this.probe.migrationLockHeld()).isFalse();
    }
}
