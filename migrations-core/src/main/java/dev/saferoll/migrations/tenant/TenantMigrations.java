package dev.saferoll.migrations.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.saferoll.migrations.LockNotAcquiredException;
import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackResult;

/**
 * Migrates many tenants, one schema or one database each, with the same migrations. Every tenant is an ordinary
 * {@link Migrations} run with its own history table and its own lock, so instances that migrate different tenants
 * never wait on each other, and one tenant's failure stops only that tenant.
 * <p>
 * {@link #migrateAll()} runs tenants in parallel: at most {@code parallelism} at a time, and never more than the
 * connection budget allows, since each tenant in flight holds up to {@value #CONNECTIONS_PER_TENANT} connections (its
 * run's and its lock's). A first pass skips tenants whose lock another instance holds and a second pass waits for
 * them, so instances that start together split the tenants between them. The migration instances are shared by every
 * tenant, in parallel: keep them stateless. Thread-safe.
 *
 * <pre>{@code
 * TenantMigrations tenants = TenantMigrations.builder(migrations.getConfiguration())
 *     .tenants(MigrationTenants.ofSchemas(List.of("acme", "globex")))
 *     .parallelism(4)
 *     .build();
 * TenantsMigrateResult result = tenants.migrateAll();
 * }</pre>
 */
public final class TenantMigrations {

    /** How many connections one tenant's run holds at most: the run's own and the migration lock's. */
    public static final int CONNECTIONS_PER_TENANT = 2;

    /** The MDC key that names the tenant in every log line of its run. */
    public static final String MDC_KEY = "saferoll.tenant";

    private static final Logger logger = LoggerFactory.getLogger(TenantMigrations.class);

    private final MigrationsConfiguration base;

    private final MigrationTenants tenants;

    private final int parallelism;

    private final boolean stopAtFirstFailure;

    /** The error of this process's last failed run of each tenant, until a run of it succeeds. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    private TenantMigrations(MigrationsConfiguration base, MigrationTenants tenants, int parallelism,
            boolean stopAtFirstFailure) {
        this.base = base;
        this.tenants = tenants;
        this.parallelism = parallelism;
        this.stopAtFirstFailure = stopAtFirstFailure;
    }

    /**
     * A builder whose tenants share {@code base}: its migrations, data source (unless a tenant has its own), history
     * table name, timeouts, validation and listeners. The base must name no schema: each tenant has its own.
     */
    public static Builder builder(MigrationsConfiguration base) {
        return new Builder(base);
    }

    /** Every tenant, as {@link MigrationTenants} lists them now. */
    public List<Tenant> tenants() {
        List<Tenant> listed = List.copyOf(this.tenants.tenants());
        Set<String> ids = new HashSet<>();
        for (Tenant tenant : listed) {
            if (!ids.add(tenant.id())) {
                throw new MigrationException(ErrorCode.INVALID_INPUT, "Tenant '" + tenant.id() + "' is listed twice",
                        "List each tenant once in migrations.tenants.schemas or the MigrationTenants bean");
            }
        }
        return listed;
    }

    /** The listed tenant with this id. */
    public Tenant tenant(String id) {
        return this.tenants.tenants()
            .stream()
            .filter((tenant) -> tenant.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new MigrationException(ErrorCode.UNKNOWN_TENANT, "No tenant is named '" + id + "'",
                    ErrorCode.UNKNOWN_TENANT.advice()));
    }

    /** How many tenants run at once, the connection budget already applied. */
    public int parallelism() {
        return this.parallelism;
    }

    /** The facade of one tenant, for anything this class does not offer (previews, baseline, drift). */
    public Migrations migrations(Tenant tenant) {
        return configuration(tenant, this.base.lockWaitTimeout()).build();
    }

    /**
     * Migrates every listed tenant, {@link #parallelism()} at a time. A tenant that fails is FAILED in the result and
     * in {@link #status()}, and the others go on, unless the fan-out stops at the first failure: then the tenants not
     * started yet are SKIPPED. Never throws for one tenant's failure.
     */
    public TenantsMigrateResult migrateAll() {
        return migrateAll(MigrateOptions.defaults());
    }

    /**
     * Migrates every listed tenant with these options; a dry run changes no tenant, and a tenant it reports MIGRATED
     * is one with migrations to apply.
     */
    public TenantsMigrateResult migrateAll(MigrateOptions options) {
        List<Tenant> all = tenants();
        long started = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        logger.info("Migrating {} tenant(s), {} at a time{}", all.size(), Math.min(this.parallelism, all.size()),
                options.dryRun() ? " (dry run)" : "");
        // First pass: a tenant whose lock another instance holds is left to that instance, and looked at again below.
        List<@Nullable TenantRun> runs = Parallel.map(all, this.parallelism, (tenant) -> stop.get() ? skipped(tenant)
                : run(tenant, options, Duration.ZERO, stop));
        List<Tenant> deferred = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (runs.get(i) == null) {
                deferred.add(all.get(i));
            }
        }
        if (!deferred.isEmpty()) {
            logger.info("{} tenant(s) were being migrated by another instance; waiting for them", deferred.size());
            List<@Nullable TenantRun> waited = Parallel.map(deferred, this.parallelism,
                    (tenant) -> stop.get() ? skipped(tenant) : run(tenant, options, this.base.lockWaitTimeout(), stop));
            for (int i = 0, d = 0; i < all.size(); i++) {
                if (runs.get(i) == null) {
                    runs.set(i, waited.get(d++));
                }
            }
        }
        TenantsMigrateResult result = new TenantsMigrateResult(runs.stream().map(Objects::requireNonNull).toList(),
                Duration.ofNanos(System.nanoTime() - started));
        String verb = options.dryRun() ? "Dry-ran" : "Migrated";
        if (result.hasFailures()) {
            logger.error("{} {} tenant(s) in {} ms: {}", verb, all.size(), result.duration().toMillis(),
                    result.summary());
        }
        else {
            logger.info("{} {} tenant(s) in {} ms: {}", verb, all.size(), result.duration().toMillis(),
                    result.summary());
        }
        return result;
    }

    /**
     * Migrates one tenant now, such as a customer who just signed up; the tenant need not be listed yet. Waits for
     * its lock as configured.
     * @throws MigrationException as {@link Migrations#migrate()} does; the tenant is then FAILED in {@link #status()}
     */
    public MigrateResult migrate(Tenant tenant) {
        return withTenant(tenant, () -> {
            try {
                MigrateResult result = migrations(tenant).migrate(MigrateOptions.defaults());
                this.failures.remove(tenant.id());
                return result;
            }
            catch (MigrationException ex) {
                this.failures.put(tenant.id(), ex.getMessage());
                throw ex;
            }
        });
    }

    /** Migrates the listed tenant with this id; see {@link #migrate(Tenant)}. */
    public MigrateResult migrate(String id) {
        return migrate(tenant(id));
    }

    /**
     * Rolls back the last {@code steps} migrations of one tenant, with every rule of {@link Migrations#rollback}: each
     * must be SafelyReversible and must not lose data unless allowed.
     */
    public RollbackResult rollback(String id, int steps, RollbackOptions options) {
        Tenant tenant = tenant(id);
        return withTenant(tenant, () -> migrations(tenant).rollback(steps, options));
    }

    /**
     * For an instance that does not migrate itself: waits until no listed tenant is PENDING or RUNNING, reading their
     * status about once a second. FAILED tenants do not hold it up: they need an operator, and the health indicator
     * names them. Takes no lock and changes nothing.
     * @throws MigrationException with {@link ErrorCode#NOT_MIGRATED} when {@code timeout} runs out
     */
    public TenantsStatus awaitUpToDate(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TenantsStatus status = status();
            List<TenantStatus> behind = new ArrayList<>(status.inState(TenantState.PENDING));
            behind.addAll(status.inState(TenantState.RUNNING));
            if (behind.isEmpty()) {
                return status;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new MigrationException(ErrorCode.NOT_MIGRATED, behind.size() + " tenant(s) still not migrated "
                        + "after " + timeout + ": " + behind.stream().limit(TenantsMigrateResult.NAMED_FAILURES)
                            .map(TenantStatus::tenant).toList(), ErrorCode.NOT_MIGRATED.advice());
            }
            try {
                Thread.sleep(1000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new MigrationException(ErrorCode.NOT_MIGRATED, "Interrupted while waiting for the tenants",
                        ex);
            }
        }
    }

    /** One listed tenant's status, read now. */
    public TenantStatus status(String id) {
        return read(tenant(id));
    }

    /**
     * Every listed tenant's status, read {@link #parallelism()} at a time. Keeps a few numbers per tenant, so
     * thousands of tenants fit in little memory. Takes no lock.
     */
    public TenantsStatus status() {
        Instant takenAt = Instant.now();
        List<Tenant> all = tenants();
        List<TenantStatus> statuses = Parallel.map(all, this.parallelism, this::read).stream()
            .map(Objects::requireNonNull)
            .toList();
        return new TenantsStatus(statuses, takenAt);
    }

    private TenantStatus read(Tenant tenant) {
        try {
            return TenantStatus.of(tenant.id(), migrations(tenant).status(), this.failures.get(tenant.id()));
        }
        catch (MigrationException ex) {
            return TenantStatus.unreachable(tenant.id(), ex.getMessage());
        }
    }

    /** One tenant's run in a fan-out; {@code null} when the first pass found its lock held by another instance. */
    private @Nullable TenantRun run(Tenant tenant, MigrateOptions options, Duration lockWait, AtomicBoolean stop) {
        long started = System.nanoTime();
        return withTenant(tenant, () -> {
            try {
                MigrateResult result = configuration(tenant, lockWait).build().migrate(options);
                if (!options.dryRun()) {
                    this.failures.remove(tenant.id());
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (result.count() > 0) {
                    logger.debug("Tenant {}: {} {} migration(s) in {} ms", tenant.id(),
                            options.dryRun() ? "would apply" : "applied", result.count(), took.toMillis());
                    return new TenantRun(tenant.id(), TenantRun.Result.MIGRATED, result.count(), took, null);
                }
                logger.debug("Tenant {}: up to date", tenant.id());
                return new TenantRun(tenant.id(), TenantRun.Result.UP_TO_DATE, 0, took, null);
            }
            catch (LockNotAcquiredException ex) {
                if (lockWait.isZero()) {
                    return null;
                }
                return failed(tenant, ex, started, stop);
            }
            catch (MigrationException ex) {
                return failed(tenant, ex, started, stop);
            }
            catch (RuntimeException ex) {
                return failed(tenant, new MigrationException(ErrorCode.EXECUTION_FAILED, "Tenant " + tenant.id()
                        + " failed: " + ex, ex), started, stop);
            }
        });
    }

    private TenantRun failed(Tenant tenant, MigrationException ex, long started, AtomicBoolean stop) {
        this.failures.put(tenant.id(), ex.getMessage());
        if (this.stopAtFirstFailure) {
            stop.set(true);
        }
        logger.error("Tenant {} FAILED; {}: {}", tenant.id(), this.stopAtFirstFailure
                ? "tenants not started yet are skipped" : "the other tenants go on", ex.getMessage());
        return new TenantRun(tenant.id(), TenantRun.Result.FAILED, 0, Duration.ofNanos(System.nanoTime() - started),
                ex);
    }

    private static TenantRun skipped(Tenant tenant) {
        return new TenantRun(tenant.id(), TenantRun.Result.SKIPPED, 0, Duration.ZERO, null);
    }

    private MigrationsConfiguration.Builder configuration(Tenant tenant, Duration lockWait) {
        MigrationsConfiguration.Builder builder = this.base.toBuilder()
            .schema(tenant.schema())
            .lockWaitTimeout(lockWait);
        if (tenant.dataSource() != null) {
            builder.dataSource(tenant.dataSource());
        }
        return builder;
    }

    /** Runs {@code work} with the tenant named in the MDC, so every log line of its run says whose it is. */
    private static <R> R withTenant(Tenant tenant, Supplier<R> work) {
        String outer = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, tenant.id());
        try {
            return work.get();
        }
        finally {
            if (outer != null) {
                MDC.put(MDC_KEY, outer);
            }
            else {
                MDC.remove(MDC_KEY);
            }
        }
    }

    /** Builds a {@link TenantMigrations}. */
    public static final class Builder {

        private final MigrationsConfiguration base;

        private MigrationTenants tenants = List::of;

        private int parallelism = 4;

        private int connectionBudget = Integer.MAX_VALUE;

        private boolean stopAtFirstFailure;

        private Builder(MigrationsConfiguration base) {
            this.base = Objects.requireNonNull(base, "base");
        }

        /** Who the tenants are; asked again on every fan-out and status read. */
        public Builder tenants(MigrationTenants tenants) {
            this.tenants = Objects.requireNonNull(tenants, "tenants");
            return this;
        }

        /** How many tenants migrate at once; 4 unless set. */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /**
         * How many connections of the shared data source the fan-out may hold at once; it then runs at most
         * {@code budget / CONNECTIONS_PER_TENANT} tenants at a time. Unlimited unless set.
         */
        public Builder connectionBudget(int connectionBudget) {
            this.connectionBudget = connectionBudget;
            return this;
        }

        /** Whether a failed tenant stops the fan-out (tenants already running finish); false unless set. */
        public Builder stopAtFirstFailure(boolean stopAtFirstFailure) {
            this.stopAtFirstFailure = stopAtFirstFailure;
            return this;
        }

        public TenantMigrations build() {
            if (this.parallelism < 1) {
                throw new MigrationException(ErrorCode.INVALID_INPUT, "The tenant parallelism must be 1 or more but "
                        + "was " + this.parallelism, "Set migrations.tenants.parallelism to 1 or more");
            }
            if (this.connectionBudget < CONNECTIONS_PER_TENANT) {
                throw new MigrationException(ErrorCode.INVALID_INPUT, "A connection budget of " + this.connectionBudget
                        + " cannot run one tenant, which needs " + CONNECTIONS_PER_TENANT + " connections",
                        "Give the migrations a pool of at least " + CONNECTIONS_PER_TENANT + " connections");
            }
            if (this.base.schema() != null) {
                throw new MigrationException(ErrorCode.INVALID_INPUT, "The base configuration names schema '"
                        + this.base.schema() + "', but every tenant has a schema of its own",
                        "Build the tenants from a configuration without schema(...)");
            }
            int parallel = Math.min(this.parallelism, this.connectionBudget / CONNECTIONS_PER_TENANT);
            return new TenantMigrations(this.base, this.tenants, parallel, this.stopAtFirstFailure);
        }
    }
}
