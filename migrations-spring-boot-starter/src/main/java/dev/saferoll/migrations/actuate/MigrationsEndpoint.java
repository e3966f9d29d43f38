package dev.saferoll.migrations.actuate;

import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackSteps;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.EntryDescriptor;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.MigrationsDescriptor;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.PendingDescriptor;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.RollbackDescriptor;
import dev.saferoll.migrations.actuate.TenantDescriptors.TenantDescriptor;
import dev.saferoll.migrations.actuate.TenantDescriptors.TenantsDescriptor;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.status.TenantStatusService;

/**
 * The {@code migrations} endpoint. Reads are read-only: the status, one migration, and a preview of what is pending,
 * recorded without running anything, take no lock and change nothing. Writes are the executed dry run of what is
 * pending ({@code POST /actuator/migrations/pending}) and rollback, which also needs
 * {@code migrations.rollback.enabled=true}. Errors are {@link MigrationException}s; the web extension turns them into
 * 4xx and 503 answers.
 * <p>
 * With tenants ({@code migrations.tenants.*} or a {@code MigrationTenants} bean), the migrations run in each tenant
 * instead of the default schema: the status is the tenants' summary, {@code /tenants/{tenant}} is one tenant, and a
 * rollback names its tenant.
 */
@Endpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

    /** The selector of everything pending. */
    public static final String PENDING = "pending";

    /** The selector of the tenants. */
    public static final String TENANTS = "tenants";

    private static final Log logger = LogFactory.getLog(MigrationsEndpoint.class);

    private final Migrations migrations;

    private final MigrationStatusService statusService;

    private final boolean rollbackEnabled;

    private final @Nullable TenantStatusService tenants;

    public MigrationsEndpoint(Migrations migrations, MigrationStatusService statusService, boolean rollbackEnabled) {
        this(migrations, statusService, rollbackEnabled, null);
    }

    /** The endpoint of an application whose migrations run per tenant, when {@code tenants} is not null. */
    public MigrationsEndpoint(Migrations migrations, MigrationStatusService statusService, boolean rollbackEnabled,
            @Nullable TenantStatusService tenants) {
        this.migrations = migrations;
        this.statusService = statusService;
        this.rollbackEnabled = rollbackEnabled;
        this.tenants = tenants;
    }

    /**
     * The status, read from the database within the read timeout, or the last one marked stale; with tenants, their
     * summary.
     */
    @ReadOperation
    public Object migrations() {
        if (this.tenants != null) {
            return tenantsSummary(this.tenants);
        }
        return MigrationsDescriptor.of(this.statusService.refresh());
    }

    /**
     * One migration by version ({@value MigrationVersion#FORMAT}), with a preview of what it would run while it is
     * pending; or, for {@value #PENDING}, a preview of every pending migration. {@code null} for an unknown version.
     */
    @ReadOperation
    public @Nullable Object migration(@Selector String version) {
        if (TENANTS.equals(version)) {
            return tenantsSummary(requireTenants());
        }
        requireNoTenants("GET /actuator/migrations/" + TENANTS + "/{tenant}");
        if (PENDING.equals(version)) {
            logger.debug("Previewing every pending migration");
            return PendingDescriptor.of("preview", this.migrations.preview());
        }
        MigrationVersion parsed = MigrationVersion.fromTimestamp(version);
        Optional<MigrationStatusEntry> entry = this.statusService.refresh().status().find(parsed);
        if (entry.isEmpty()) {
            return null;
        }
        MigrationOutcome preview = entry.get().state().isPending() ? this.migrations.preview(parsed).orElse(null)
                : null;
        return EntryDescriptor.of(entry.get(), preview);
    }

    /**
     * Runs every pending migration in a transaction that is rolled back, and reports each statement. It takes the
     * migration lock and, while it runs, the same table locks a real run would.
     * @param selector {@value #PENDING}
     */
    @WriteOperation
    public PendingDescriptor dryRun(@Selector String selector) {
        if (!PENDING.equals(selector)) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "Unknown operation '" + selector + "'",
                    "POST /actuator/migrations/" + PENDING + " runs a dry run of every pending migration");
        }
        requireNoTenants("db:migrate --dry-run --tenant=ID");
        return PendingDescriptor.of("dry-run",
                this.migrations.migrate(MigrateOptions.defaults().withDryRun(true)).migrations());
    }

    /**
     * Rolls back the last {@code steps} applied migrations, newest first; all of them are checked before any runs.
     * @param steps how many migrations to roll back, 1 or more
     * @param dryRun whether to only report what would happen
     * @param allowDataLoss whether to pass the data-loss guard
     * @param force refused: an endpoint asks no confirmation, and passing the guard is {@code allowDataLoss}
     */
    @WriteOperation
    public RollbackDescriptor rollback(@Nullable String steps, @Nullable Boolean dryRun,
            @Nullable Boolean allowDataLoss, @Nullable String force) {
        requireRollbackAllowed(force);
        requireNoTenants("POST /actuator/migrations/" + TENANTS + "/{tenant}");
        return RollbackDescriptor.of(this.migrations.rollback(RollbackSteps.parse(steps),
                rollbackOptions(dryRun, allowDataLoss)));
    }

    /**
     * One tenant's status.
     * @param tenants {@value #TENANTS}
     * @param tenant the tenant's id
     */
    @ReadOperation
    public TenantDescriptor tenant(@Selector String tenants, @Selector String tenant) {
        requireTenantsSelector(tenants);
        return TenantDescriptor.of(requireTenants().tenant(tenant));
    }

    /**
     * Rolls back the last {@code steps} migrations of one tenant, with the same rules as {@link #rollback}.
     * @param tenants {@value #TENANTS}
     * @param tenant the tenant's id
     */
    @WriteOperation
    public RollbackDescriptor rollbackTenant(@Selector String tenants, @Selector String tenant,
            @Nullable String steps, @Nullable Boolean dryRun, @Nullable Boolean allowDataLoss,
            @Nullable String force) {
        requireTenantsSelector(tenants);
        requireRollbackAllowed(force);
        TenantStatusService service = requireTenants();
        RollbackDescriptor result = RollbackDescriptor.of(service.tenants()
            .rollback(tenant, RollbackSteps.parse(steps), rollbackOptions(dryRun, allowDataLoss)));
        service.invalidate();
        return result;
    }

    private void requireRollbackAllowed(@Nullable String force) {
        if (force != null) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "The endpoint takes no \"force\"",
                    "To roll back although the data-loss guard refuses, send \"allowDataLoss\": true");
        }
        if (!this.rollbackEnabled) {
            throw new MigrationException(ErrorCode.OPERATION_DISABLED, "Rollback through the endpoint is disabled",
                    "Enable it with both management.endpoint.migrations.access=unrestricted and "
                            + "migrations.rollback.enabled=true");
        }
    }

    private static RollbackOptions rollbackOptions(@Nullable Boolean dryRun, @Nullable Boolean allowDataLoss) {
        return RollbackOptions.defaults()
            .withDryRun(Boolean.TRUE.equals(dryRun))
            .withAllowDataLoss(Boolean.TRUE.equals(allowDataLoss));
    }

    private static TenantsDescriptor tenantsSummary(TenantStatusService tenants) {
        return tenants.current()
            .map(TenantsDescriptor::of)
            .orElseThrow(() -> new MigrationException(ErrorCode.CONNECTION_FAILED,
                    "The tenants' first status reading has not finished yet",
                    "Ask again in a few seconds; reading many tenants takes a while"));
    }

    private TenantStatusService requireTenants() {
        if (this.tenants == null) {
            throw new MigrationException(ErrorCode.UNKNOWN_TENANT, "No tenants are configured",
                    "List them in migrations.tenants.schemas, or define a MigrationTenants bean");
        }
        return this.tenants;
    }

    private static void requireTenantsSelector(String selector) {
        if (!TENANTS.equals(selector)) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "Unknown path /actuator/migrations/" + selector,
                    "One tenant is at /actuator/migrations/" + TENANTS + "/{tenant}");
        }
    }

    private void requireNoTenants(String instead) {
        if (this.tenants != null) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "The migrations run per tenant here, not in the "
                    + "default schema", "Name the tenant: " + instead);
        }
    }
}
