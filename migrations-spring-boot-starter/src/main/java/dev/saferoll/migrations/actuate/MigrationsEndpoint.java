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
import dev.saferoll.migrations.status.MigrationStatusService;

/**
 * The {@code migrations} endpoint. Reads are read-only: the status, one migration, and a preview of what is pending,
 * recorded without running anything, take no lock and change nothing. Writes are the executed dry run of what is
 * pending ({@code POST /actuator/migrations/pending}) and rollback, which also needs
 * {@code migrations.rollback.enabled=true}. Errors are {@link MigrationException}s; the web extension turns them into
 * 4xx and 503 answers.
 */
@Endpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

    /** The selector of everything pending. */
    public static final String PENDING = "pending";

    private static final Log logger = LogFactory.getLog(MigrationsEndpoint.class);

    private final Migrations migrations;

    private final MigrationStatusService statusService;

    private final boolean rollbackEnabled;

    public MigrationsEndpoint(Migrations migrations, MigrationStatusService statusService, boolean rollbackEnabled) {
        this.migrations = migrations;
        this.statusService = statusService;
        this.rollbackEnabled = rollbackEnabled;
    }

    /** The status, read from the database within the read timeout, or the last one marked stale. */
    @ReadOperation
    public MigrationsDescriptor migrations() {
        return MigrationsDescriptor.of(this.statusService.refresh());
    }

    /**
     * One migration by version ({@value MigrationVersion#FORMAT}), with a preview of what it would run while it is
     * pending; or, for {@value #PENDING}, a preview of every pending migration. {@code null} for an unknown version.
     */
    @ReadOperation
    public @Nullable Object migration(@Selector String version) {
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
        if (force != null) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "The endpoint takes no \"force\"",
                    "To roll back although the data-loss guard refuses, send \"allowDataLoss\": true");
        }
        if (!this.rollbackEnabled) {
            throw new MigrationException(ErrorCode.OPERATION_DISABLED, "Rollback through the endpoint is disabled",
                    "Enable it with both management.endpoint.migrations.access=unrestricted and "
                            + "migrations.rollback.enabled=true");
        }
        int count = RollbackSteps.parse(steps);
        RollbackOptions options = RollbackOptions.defaults()
            .withDryRun(Boolean.TRUE.equals(dryRun))
            .withAllowDataLoss(Boolean.TRUE.equals(allowDataLoss));
        return RollbackDescriptor.of(this.migrations.rollback(count, options));
    }
}
