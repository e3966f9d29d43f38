package dev.saferoll.migrations.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationListener.Operation;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.SchemaDrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationStatusServiceTests {

    private final MutableClock clock = new MutableClock();

    private final AtomicInteger reads = new AtomicInteger();

    private volatile boolean failing;

    private volatile CountDownLatch hang = new CountDownLatch(0);

    private final AtomicInteger driftReads = new AtomicInteger();

    private final MigrationStatusService service = new MigrationStatusService((withDrift) -> {
        this.reads.incrementAndGet();
        if (withDrift) {
            this.driftReads.incrementAndGet();
        }
        try {
            this.hang.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (this.failing) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "database down");
        }
        return new MigrationStatusService.Read(new MigrationStatus(List.of(), this.clock.instant()),
                OptionalLong.of(1234), withDrift ? new SchemaDrift(Instant.EPOCH, List.of("+ column t.x integer"))
                        : null, withDrift);
    }, Duration.ofSeconds(60), Duration.ofMillis(200), this.clock);

    @AfterEach
    void close() {
        this.hang.countDown();
        this.service.close();
    }

    @Test
    void currentReadsAtMostOncePerRefreshInterval() {
        StatusSnapshot first = this.service.current();
        this.clock.advance(Duration.ofSeconds(59));
        assertThat(this.service.current()).isSameAs(first);
        assertThat(this.reads).hasValue(1);
        this.clock.advance(Duration.ofSeconds(1));
        assertThat(this.service.current()).isNotSameAs(first);
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void refreshAlwaysReads() {
        this.service.refresh();
        this.service.refresh();
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void theDatabaseSizeIsSampledWithTheStatus() {
        assertThat(this.service.databaseSize()).hasValue(1234);
        assertThat(this.service.databaseSize()).hasValue(1234);
        assertThat(this.reads).hasValue(1);
    }

    @Test
    void theSchemaIsComparedAtMostOncePerRefreshIntervalEvenWhenEveryRequestReads() {
        assertThat(this.service.refresh().drift().differences()).containsExactly("+ column t.x integer");
        this.service.refresh();
        this.service.refresh();
        assertThat(this.reads).hasValue(3);
        assertThat(this.driftReads).hasValue(1);
        assertThat(this.service.refresh().drift()).isNotNull();
        this.clock.advance(Duration.ofSeconds(60));
        this.service.refresh();
        assertThat(this.driftReads).hasValue(2);
    }

    @Test
    void aFinishedRunReplacesTheSnapshotWithoutReading() {
        MigrationStatus afterRun = new MigrationStatus(List.of(), Instant.EPOCH);
        this.service.runStarted(Operation.MIGRATE);
        this.service.runFinished(Operation.MIGRATE, afterRun);
        assertThat(this.service.current().status()).isSameAs(afterRun);
        assertThat(this.service.current().stale()).isFalse();
        assertThat(this.reads).hasValue(0);
    }

    @Test
    void aFailedRunMakesTheNextReadGoToTheDatabase() {
        this.service.current();
        this.service.runStarted(Operation.MIGRATE);
        this.service.runFailed(Operation.MIGRATE, new MigrationException(ErrorCode.EXECUTION_FAILED, "boom"));
        this.service.current();
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void tracksRunsInProgress() {
        assertThat(this.service.isRunning()).isFalse();
        this.service.runStarted(Operation.ROLLBACK);
        assertThat(this.service.isRunning()).isTrue();
        assertThat(this.service.runningOperation()).contains(Operation.ROLLBACK);
        this.service.runFailed(Operation.ROLLBACK, new MigrationException(ErrorCode.ROLLBACK_REFUSED, "no"));
        assertThat(this.service.isRunning()).isFalse();
    }

    @Test
    void aFailedReadServesThePreviousSnapshotMarkedStale() {
        StatusSnapshot first = this.service.current();
        this.failing = true;
        this.clock.advance(Duration.ofMinutes(5));
        StatusSnapshot stale = this.service.current();
        assertThat(stale.status()).isSameAs(first.status());
        assertThat(stale.stale()).isTrue();
        assertThat(stale.staleReason()).contains("database down");
        assertThat(stale.age(this.clock.instant())).isEqualTo(Duration.ofMinutes(5));
        assertThat(this.service.current().stale()).isTrue();
        assertThat(this.reads).hasValue(2);
    }

    @Test
    void failsWhenNoSnapshotCouldBeReadYet() {
        this.failing = true;
        assertThatExceptionOfType(MigrationException.class).isThrownBy(this.service::current)
            .withMessage("database down");
        assertThat(this.service.latest()).isEmpty();
    }

    @Test
    void aDatabaseThatDoesNotAnswerGetsTheLastSnapshotWithinTheTimeout() {
        StatusSnapshot first = this.service.current();
        this.hang = new CountDownLatch(1);
        long start = System.nanoTime();
        StatusSnapshot answer = this.service.refresh();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer.status()).isSameAs(first.status());
        assertThat(answer.stale()).isTrue();
        assertThat(answer.staleReason()).contains("did not answer within 200 ms");
        this.hang.countDown();
    }

    @Test
    void concurrentCallersShareOneReadInsteadOfQueueing() throws Exception {
        this.service.current();
        this.hang = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<Future<StatusSnapshot>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(callers.submit(this.service::refresh));
            }
            for (Future<StatusSnapshot> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS).stale()).isTrue();
            }
            assertThat(this.reads).hasValue(2);
        }
        finally {
            this.hang.countDown();
            callers.shutdownNow();
        }
    }
}
