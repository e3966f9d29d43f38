package dev.saferoll.migrations.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.SchemaDrift;

/**
 * The one source of migration status for the endpoint, the health indicator, the metrics and the commands. Every run
 * replaces the snapshot (it hears runs as a {@link MigrationListener}); {@link #current()} reads the database again
 * at most once per refresh interval, so that health checks and scrapes stay cheap.
 * <p>
 * Reads are bounded: one read at a time runs in the background, and a caller waits for it at most the read timeout.
 * When the database does not answer in time, or fails, the caller gets the last snapshot marked stale; concurrent
 * callers share the one read rather than queueing behind each other. The database size is sampled the same way, and
 * the live schema is compared with the one the last run recorded (drift) at most once per refresh interval.
 */
public class MigrationStatusService implements MigrationListener, AutoCloseable {

    private static final Log logger = LogFactory.getLog(MigrationStatusService.class);

    private final Reader reader;

    private final Duration refreshInterval;

    private final Duration readTimeout;

    private final Clock clock;

    private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
        Thread thread = new Thread(task, "saferoll-status");
        thread.setDaemon(true);
        return thread;
    });

    private final Object monitor = new Object();

    private final AtomicInteger runsInProgress = new AtomicInteger();

    private volatile @Nullable StatusSnapshot latest;

    private volatile @Nullable Long databaseSize;

    private volatile @Nullable SchemaDrift drift;

    private volatile @Nullable Instant driftReadAt;

    private volatile @Nullable Instant lastAttempt;

    private volatile @Nullable Operation runningOperation;

    private @Nullable CompletableFuture<Read> inFlight;

    private final List<Runnable> sizeActions = new ArrayList<>();

    /**
     * @param migrations the facade to read from
     * @param refreshInterval how long {@link #current()} reuses a snapshot
     * @param readTimeout how long a caller waits for the database before it gets the last snapshot, marked stale
     */
    public MigrationStatusService(Supplier<Migrations> migrations, Duration refreshInterval, Duration readTimeout) {
        this(migrations, refreshInterval, readTimeout, Clock.systemUTC());
    }

    /** The same, with the clock that dates snapshots and decides when they are due again. */
    public MigrationStatusService(Supplier<Migrations> migrations, Duration refreshInterval, Duration readTimeout,
            Clock clock) {
        this((withDrift) -> {
            Migrations facade = migrations.get();
            MigrationStatus status = facade.status();
            return new Read(status, facade.databaseSize(), withDrift ? facade.drift().orElse(null) : null, withDrift);
        }, refreshInterval, readTimeout, clock);
    }

    MigrationStatusService(Reader reader, Duration refreshInterval, Duration readTimeout, Clock clock) {
        this.reader = reader;
        this.refreshInterval = refreshInterval;
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    /**
     * The latest snapshot, read again when older than the refresh interval.
     * @throws MigrationException if no snapshot could be read yet
     */
    public StatusSnapshot current() {
        StatusSnapshot snapshot = this.latest;
        Instant attempt = this.lastAttempt;
        if (snapshot != null && attempt != null && this.clock.instant().isBefore(attempt.plus(this.refreshInterval))) {
            return snapshot;
        }
        return refresh();
    }

    /**
     * Reads the status from the database now, waiting at most the read timeout.
     * @throws MigrationException if it cannot be read and no earlier snapshot exists
     */
    public StatusSnapshot refresh() {
        CompletableFuture<Read> read = startRead();
        try {
            read.get(this.readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            StatusSnapshot snapshot = this.latest;
            if (snapshot != null) {
                return snapshot;
            }
        }
        catch (TimeoutException ex) {
            return stale("the database did not answer within " + this.readTimeout.toMillis() + " ms", null);
        }
        catch (ExecutionException ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            return stale(String.valueOf(cause.getMessage()), cause);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return stale("interrupted while reading the status", ex);
        }
        throw new IllegalStateException("A finished status read left no snapshot");
    }

    /** The latest snapshot without reading the database, if one was taken. */
    public Optional<StatusSnapshot> latest() {
        return Optional.ofNullable(this.latest);
    }

    /** The database size in bytes, as last sampled or reported by a migration; read with the status. */
    public OptionalLong databaseSize() {
        current();
        Long size = this.databaseSize;
        return (size != null) ? OptionalLong.of(size) : OptionalLong.empty();
    }

    /**
     * Runs the action once a database size is known: at once if one is, otherwise after the first read or migration
     * that reports one (this starts a read in the background). Where the database cannot tell its size (H2), it
     * never runs, so that a gauge registered by it is absent rather than NaN.
     */
    public void whenDatabaseSizeKnown(Runnable action) {
        synchronized (this.monitor) {
            if (this.databaseSize == null) {
                this.sizeActions.add(action);
                startRead();
                return;
            }
        }
        action.run();
    }

    private void sizeKnown(long size) {
        List<Runnable> actions;
        synchronized (this.monitor) {
            this.databaseSize = size;
            actions = List.copyOf(this.sizeActions);
            this.sizeActions.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** Whether a migrate, rollback or fresh run is in progress in this application. */
    public boolean isRunning() {
        return this.runsInProgress.get() > 0;
    }

    /** The run in progress in this application, if any. */
    public Optional<Operation> runningOperation() {
        return isRunning() ? Optional.ofNullable(this.runningOperation) : Optional.empty();
    }

    /** The clock snapshots are dated by. */
    public Instant now() {
        return this.clock.instant();
    }

    private CompletableFuture<Read> startRead() {
        synchronized (this.monitor) {
            if (this.inFlight == null || this.inFlight.isDone()) {
                this.lastAttempt = this.clock.instant();
                Instant startedAt = this.lastAttempt;
                Instant driftRead = this.driftReadAt;
                boolean withDrift = driftRead == null || !startedAt.isBefore(driftRead.plus(this.refreshInterval));
                this.inFlight = CompletableFuture.supplyAsync(() -> this.reader.read(withDrift), this.executor)
                    .whenComplete((read, failure) -> {
                        if (read != null) {
                            if (read.driftCompared()) {
                                this.drift = read.drift();
                                this.driftReadAt = startedAt;
                            }
                            // The size first: whoever sees the new snapshot may rely on what the size made happen.
                            read.databaseSize().ifPresent(this::sizeKnown);
                            this.latest = new StatusSnapshot(read.status(), startedAt, false, null, this.drift);
                        }
                        else {
                            markStale(String.valueOf(failure.getMessage()));
                        }
                    });
            }
            return this.inFlight;
        }
    }

    private StatusSnapshot stale(String reason, @Nullable Throwable cause) {
        StatusSnapshot snapshot = this.latest;
        if (snapshot == null) {
            if (cause instanceof MigrationException migrationException) {
                throw migrationException;
            }
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Could not read the migration status: " + reason,
                    MigrationAdvice.connection(), cause);
        }
        logger.debug("Serving the migration status read at " + snapshot.readAt() + ": " + reason);
        return markStale(reason);
    }

    private @Nullable StatusSnapshot markStale(String reason) {
        synchronized (this.monitor) {
            StatusSnapshot snapshot = this.latest;
            if (snapshot == null) {
                return null;
            }
            StatusSnapshot stale = snapshot.markedStale(reason);
            this.latest = stale;
            return stale;
        }
    }

    @Override
    public void runStarted(Operation operation) {
        this.runningOperation = operation;
        this.runsInProgress.incrementAndGet();
    }

    @Override
    public void migrationFinished(MigrationOutcome outcome) {
        if (outcome.outcome() == MigrationOutcome.Outcome.SUCCESS && outcome.sizeAfterBytes() != null) {
            sizeKnown(outcome.sizeAfterBytes());
        }
    }

    @Override
    public void runFinished(Operation operation, MigrationStatus status) {
        // The run recorded the schema it left; the next read compares again.
        this.drift = null;
        this.driftReadAt = null;
        this.latest = new StatusSnapshot(status, this.clock.instant(), false, null, null);
        this.lastAttempt = this.clock.instant();
        runEnded();
    }

    @Override
    public void runFailed(Operation operation, MigrationException error) {
        // A failed run has written a FAILED row: read it on the next request.
        this.lastAttempt = null;
        runEnded();
    }

    private void runEnded() {
        this.runsInProgress.updateAndGet((runs) -> Math.max(0, runs - 1));
    }

    @Override
    public void close() {
        this.executor.shutdownNow();
    }

    /** Reads the status and the database size, and compares the schema when asked. */
    @FunctionalInterface
    interface Reader {

        Read read(boolean withDrift);
    }

    /**
     * What one read found.
     * @param drift the drift, when compared and a schema was recorded
     * @param driftCompared whether this read compared the schema
     */
    record Read(MigrationStatus status, OptionalLong databaseSize, @Nullable SchemaDrift drift,
            boolean driftCompared) {
    }
}
