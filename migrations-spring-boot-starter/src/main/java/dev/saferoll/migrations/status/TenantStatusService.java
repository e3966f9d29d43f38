package dev.saferoll.migrations.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.tenant.TenantMigrations;
import dev.saferoll.migrations.tenant.TenantStatus;
import dev.saferoll.migrations.tenant.TenantsStatus;

/**
 * The one source of tenant status for the endpoint, the health indicator and the metrics. It reads every tenant at
 * most once per refresh interval, one read at a time in the background; a caller waits for a read at most the read
 * timeout and otherwise gets the last reading, marked stale. A reading keeps a few numbers per tenant, so thousands of
 * tenants cost little memory.
 */
public class TenantStatusService implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(TenantStatusService.class);

    private final TenantMigrations tenants;

    private final Duration refreshInterval;

    private final Duration readTimeout;

    private final Clock clock;

    private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
        Thread thread = new Thread(task, "saferoll-tenant-status");
        thread.setDaemon(true);
        return thread;
    });

    private final Object monitor = new Object();

    private volatile @Nullable Snapshot latest;

    private volatile @Nullable Instant lastAttempt;

    private @Nullable CompletableFuture<TenantsStatus> inFlight;

    public TenantStatusService(TenantMigrations tenants, Duration refreshInterval, Duration readTimeout) {
        this(tenants, refreshInterval, readTimeout, Clock.systemUTC());
    }

    TenantStatusService(TenantMigrations tenants, Duration refreshInterval, Duration readTimeout, Clock clock) {
        this.tenants = tenants;
        this.refreshInterval = refreshInterval;
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    /** The tenants this service reads. */
    public TenantMigrations tenants() {
        return this.tenants;
    }

    /**
     * The latest reading, read again when older than the refresh interval; empty while the first reading has not
     * finished within the read timeout.
     */
    public Optional<Snapshot> current() {
        Snapshot snapshot = this.latest;
        Instant attempt = this.lastAttempt;
        if (snapshot != null && attempt != null && this.clock.instant().isBefore(attempt.plus(this.refreshInterval))) {
            return Optional.of(snapshot);
        }
        CompletableFuture<TenantsStatus> read = startRead();
        try {
            read.get(this.readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(this.latest);
        }
        catch (TimeoutException ex) {
            return stale("reading " + this.tenants.tenants().size() + " tenants took longer than "
                    + this.readTimeout.toMillis() + " ms; the reading goes on in the background");
        }
        catch (ExecutionException ex) {
            return stale(String.valueOf(((ex.getCause() != null) ? ex.getCause() : ex).getMessage()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return stale("interrupted while reading the tenants");
        }
    }

    /** One tenant's status, read now. */
    public TenantStatus tenant(String id) {
        return this.tenants.status(id);
    }

    /** Forgets when the last reading was taken, so the next request reads again, as after a fan-out. */
    public void invalidate() {
        this.lastAttempt = null;
    }

    private CompletableFuture<TenantsStatus> startRead() {
        synchronized (this.monitor) {
            if (this.inFlight == null || this.inFlight.isDone()) {
                this.lastAttempt = this.clock.instant();
                this.inFlight = CompletableFuture.supplyAsync(this.tenants::status, this.executor)
                    .whenComplete((status, failure) -> {
                        if (status != null) {
                            this.latest = new Snapshot(status, false, null);
                        }
                        else {
                            logger.debug("Could not read the tenants' status", failure);
                        }
                    });
            }
            return this.inFlight;
        }
    }

    private Optional<Snapshot> stale(String reason) {
        Snapshot snapshot = this.latest;
        return (snapshot != null) ? Optional.of(new Snapshot(snapshot.status(), true, reason)) : Optional.empty();
    }

    @Override
    public void close() {
        this.executor.shutdownNow();
    }

    /**
     * A reading of every tenant.
     * @param status every tenant's status
     * @param stale whether a newer reading failed or is still going on, so this one may be out of date
     * @param staleReason why, when stale
     */
    public record Snapshot(TenantsStatus status, boolean stale, @Nullable String staleReason) {
    }
}
