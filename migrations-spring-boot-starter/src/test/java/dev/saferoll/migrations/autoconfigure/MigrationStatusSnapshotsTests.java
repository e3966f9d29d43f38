package dev.saferoll.migrations.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationListener.Operation;
import dev.saferoll.migrations.MigrationStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationStatusSnapshotsTests {

    private final MutableClock clock = new MutableClock();

    private final AtomicInteger reads = new AtomicInteger();

    private volatile boolean failing;

    private final Supplier<MigrationStatus> reader = () -> {
        this.reads.incrementAndGet();
        if (this.failing) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "database down");
        }
        return new MigrationStatus(List.of(), this.clock.instant());
    };

    private final MigrationStatusSnapshots snapshots = new MigrationStatusSnapshots(this.reader,
            Duration.ofSeconds(60), this.clock);

    @Test
    void currentReadsAtMostOncePerRefreshInterval() {
        MigrationStatus first = this.snapshots.current();
        this.clock.advance(Duration.ofSeconds(59));
        assertThat(this.snapshots.current()).isSameAs(first);
        assertThat(this.reads).hasValue(1);
        this.clock.advance(Duration.ofSeconds(1));
        assertThat(this.snapshots.current()).isNotSameAs(first);
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void refreshAlwaysReads() {
        this.snapshots.refresh();
        this.snapshots.refresh();
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void aFinishedRunReplacesTheSnapshotWithoutReading() {
        MigrationStatus afterRun = new MigrationStatus(List.of(), Instant.EPOCH);
        this.snapshots.runStarted(Operation.MIGRATE);
        this.snapshots.runFinished(Operation.MIGRATE, afterRun);
        assertThat(this.snapshots.current()).isSameAs(afterRun);
        assertThat(this.reads).hasValue(0);
    }

    @Test
    void aFailedRunMakesTheNextReadGoToTheDatabase() {
        this.snapshots.current();
        this.snapshots.runStarted(Operation.MIGRATE);
        this.snapshots.runFailed(Operation.MIGRATE, new MigrationException(ErrorCode.EXECUTION_FAILED, "boom"));
        this.snapshots.current();
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void tracksRunsInProgress() {
        assertThat(this.snapshots.isRunning()).isFalse();
        this.snapshots.runStarted(Operation.ROLLBACK);
        assertThat(this.snapshots.isRunning()).isTrue();
        assertThat(this.snapshots.runningOperation()).contains(Operation.ROLLBACK);
        this.snapshots.runFailed(Operation.ROLLBACK, new MigrationException(ErrorCode.ROLLBACK_REFUSED, "no"));
        assertThat(this.snapshots.isRunning()).isFalse();
        this.snapshots.runFailed(Operation.MIGRATE, new MigrationException(ErrorCode.LOCK_NOT_ACQUIRED, "busy"));
        assertThat(this.snapshots.isRunning()).isFalse();
    }

    @Test
    void keepsThePreviousSnapshotWhenAReadFails() {
        MigrationStatus first = this.snapshots.current();
        this.failing = true;
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.snapshots.current()).isSameAs(first);
        assertThat(this.snapshots.current()).isSameAs(first);
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void failsWhenNoSnapshotCouldBeReadYet() {
        this.failing = true;
        assertThatExceptionOfType(MigrationException.class).isThrownBy(this.snapshots::current)
            .withMessage("database down");
        assertThat(this.snapshots.latest()).isEmpty();
    }
}
