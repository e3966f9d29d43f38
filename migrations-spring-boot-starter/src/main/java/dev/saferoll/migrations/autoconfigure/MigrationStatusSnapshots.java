package dev.saferoll.migrations.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.Migrations;

/**
 * The one source of {@link MigrationStatus} for the endpoint, the health indicator, the metrics and the commands.
 * It keeps the latest snapshot: every run replaces it (it hears runs as a {@link MigrationListener}), and
 * {@link #current()} reads the database again at most once per refresh interval, so that health checks and scrapes
 * stay cheap. {@link #refresh()} always reads the database.
 */
public class MigrationStatusSnapshots implements MigrationListener {

    private static final Log logger = LogFactory.getLog(MigrationStatusSnapshots.class);

    private final Supplier<MigrationStatus> reader;

    private final Duration refreshInterval;

    private final Clock clock;

    private final Object monitor = new Object();

    private final AtomicInteger runsInProgress = new AtomicInteger();

    private volatile @Nullable MigrationStatus latest;

    private volatile @Nullable Instant lastRead;

    private volatile @Nullable Operation runningOperation;

    /**
     * Creates the snapshots over a facade.
     * @param migrations the facade whose {@link Migrations#status()} is read
     * @param refreshInterval how long {@link #current()} reuses a snapshot
     */
    public MigrationStatusSnapshots(Supplier<Migrations> migrations, Duration refreshInterval) {
        this(() -> migrations.get().status(), refreshInterval, Clock.systemUTC());
    }

    MigrationStatusSnapshots(Supplier<MigrationStatus> reader, Duration refreshInterval, Clock clock) {
        this.reader = reader;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    /**
     * Reads the status from the database now and keeps it.
     * @throws MigrationException if the status cannot be read
     */
    public MigrationStatus refresh() {
        synchronized (this.monitor) {
            this.lastRead = this.clock.instant();
            MigrationStatus status = this.reader.get();
            this.latest = status;
            return status;
        }
    }

    /**
     * The latest snapshot, read again if it is older than the refresh interval. When that read fails the previous
     * snapshot is returned; the next read is tried after another interval.
     * @throws MigrationException if no snapshot could be read yet
     */
    public MigrationStatus current() {
        MigrationStatus status = this.latest;
        if (status != null && !isStale()) {
            return status;
        }
        synchronized (this.monitor) {
            status = this.latest;
            if (status != null && !isStale()) {
                return status;
            }
            try {
                return refresh();
            }
            catch (RuntimeException ex) {
                if (status == null) {
                    throw ex;
                }
                logger.warn("Could not read the migration status; using the snapshot taken at " + status.takenAt()
                        + ": " + ex.getMessage());
                return status;
            }
        }
    }

    /** The latest snapshot without reading the database, if one was taken. */
    public Optional<MigrationStatus> latest() {
        return Optional.ofNullable(this.latest);
    }

    /** Whether a migrate, rollback or fresh run is in progress in this application. */
    public boolean isRunning() {
        return this.runsInProgress.get() > 0;
    }

    /** The run in progress in this application, if any. */
    public Optional<Operation> runningOperation() {
        return isRunning() ? Optional.ofNullable(this.runningOperation) : Optional.empty();
    }

    private boolean isStale() {
        Instant read = this.lastRead;
        return read == null || !this.clock.instant().isBefore(read.plus(this.refreshInterval));
    }

    @Override
    public void runStarted(Operation operation) {
        this.runningOperation = operation;
        this.runsInProgress.incrementAndGet();
    }

    @Override
    public void runFinished(Operation operation, MigrationStatus status) {
        synchronized (this.monitor) {
            this.latest = status;
            this.lastRead = this.clock.instant();
        }
        runEnded();
    }

    @Override
    public void runFailed(Operation operation, MigrationException error) {
        // A failed run has written a FAILED row; read it on the next request.
        this.lastRead = null;
        runEnded();
    }

    private void runEnded() {
        this.runsInProgress.updateAndGet((runs) -> Math.max(0, runs - 1));
    }
}
