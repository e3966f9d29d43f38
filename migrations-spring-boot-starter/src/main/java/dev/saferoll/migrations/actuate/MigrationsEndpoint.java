package dev.saferoll.migrations.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.saferoll.migrations.InvalidMigrationVersionException;
import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.autoconfigure.MigrationStatusSnapshots;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;

/**
 * The {@code migrations} endpoint: status, one migration (with the SQL a dry run shows while it is pending), a dry
 * run of everything pending ({@code /actuator/migrations/pending}), and rollback. Rollback needs both
 * {@code management.endpoint.migrations.access=unrestricted} and {@code migrations.rollback.enabled=true}. Errors
 * are answered with a 4xx or 503 status and a body of {@code error}, {@code message} and {@code recommendation};
 * never with a 500.
 * <p>
 * The dry runs behind {@code /pending} and a pending version take the migration lock and run the pending migrations
 * in a transaction that is rolled back: their DDL takes the same table locks as a real run, for as long as the dry
 * run lasts, bounded by {@code migrations.lock-timeout}.
 */
@Endpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

    /** The selector that asks for a dry run of every pending migration. */
    public static final String PENDING = "pending";

    static final int STATUS_FORBIDDEN = 403;

    static final int STATUS_CONFLICT = 409;

    private static final Log logger = LogFactory.getLog(MigrationsEndpoint.class);

    private final Migrations migrations;

    private final MigrationStatusSnapshots snapshots;

    private final boolean rollbackEnabled;

    public MigrationsEndpoint(Migrations migrations, MigrationStatusSnapshots snapshots, boolean rollbackEnabled) {
        this.migrations = migrations;
        this.snapshots = snapshots;
        this.rollbackEnabled = rollbackEnabled;
    }

    /** The status, read fresh from the database. */
    @ReadOperation
    public WebEndpointResponse<Object> migrations() {
        try {
            return new WebEndpointResponse<>(MigrationsDescriptor.of(this.snapshots.refresh()));
        }
        catch (RuntimeException ex) {
            return error(ex);
        }
    }

    /**
     * One migration by version ({@value MigrationVersion#FORMAT}); for a pending one, with the statements a dry run
     * shows. The selector {@value #PENDING} gives a dry run of every pending migration.
     */
    @ReadOperation
    public WebEndpointResponse<Object> migration(@Selector String version) {
        try {
            if (PENDING.equals(version)) {
                MigrateResult result = this.migrations.migrate(MigrateOptions.defaults().withDryRun(true));
                return new WebEndpointResponse<>(PendingDescriptor.of(result));
            }
            MigrationVersion parsed = MigrationVersion.fromTimestamp(version);
            Optional<MigrationStatusEntry> entry = this.snapshots.refresh().find(parsed);
            if (entry.isEmpty()) {
                return new WebEndpointResponse<>(new ErrorDescriptor("NOT_FOUND", "No migration with version "
                        + parsed + " is in the code or the history table", "List the known versions with GET "
                                + "/actuator/migrations"),
                        WebEndpointResponse.STATUS_NOT_FOUND);
            }
            List<String> statements = entry.get().state().isPending()
                    ? this.migrations.preview(parsed).map(MigrationOutcome::statements).orElse(List.of()) : null;
            return new WebEndpointResponse<>(EntryDescriptor.of(entry.get(), statements));
        }
        catch (InvalidMigrationVersionException ex) {
            return response(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getErrorCode().name(), ex.getMessage(),
                    "Use a version of the form " + MigrationVersion.FORMAT + ", for example 2024_12_20_100000, or '"
                            + PENDING + "' for a dry run of every pending migration");
        }
        catch (RuntimeException ex) {
            return error(ex);
        }
    }

    /**
     * Rolls back the last {@code steps} applied migrations, newest first; all of them are checked before any runs.
     * @param steps how many migrations to roll back, 1 or more
     * @param dryRun whether to only report what would happen
     * @param force whether to pass the data-loss guard
     */
    @WriteOperation
    public WebEndpointResponse<Object> rollback(int steps, @Nullable Boolean dryRun, @Nullable Boolean force) {
        if (!this.rollbackEnabled) {
            return response(STATUS_FORBIDDEN, MigrationException.ErrorCode.OPERATION_DISABLED.name(),
                    "Rollback through the endpoint is disabled",
                    "Enable it with both management.endpoint.migrations.access=unrestricted and "
                            + "migrations.rollback.enabled=true");
        }
        try {
            if (steps < 1) {
                return badSteps("steps must be 1 or more but was " + steps);
            }
            long applied = this.snapshots.refresh().count(MigrationState.APPLIED);
            if (steps > applied) {
                return badSteps("steps was " + steps + " but only " + applied + " migration(s) are applied");
            }
            RollbackOptions options = RollbackOptions.defaults()
                .withDryRun(Boolean.TRUE.equals(dryRun))
                .withForce(Boolean.TRUE.equals(force));
            return new WebEndpointResponse<>(RollbackDescriptor.of(this.migrations.rollback(steps, options)));
        }
        catch (RuntimeException ex) {
            return error(ex);
        }
    }

    private WebEndpointResponse<Object> badSteps(String message) {
        return response(WebEndpointResponse.STATUS_BAD_REQUEST, MigrationException.ErrorCode.INVALID_INPUT.name(),
                message, "Send {\"steps\": N} with N between 1 and the number of applied migrations");
    }

    private WebEndpointResponse<Object> error(RuntimeException ex) {
        if (ex instanceof RollbackRefusedException) {
            return response(STATUS_CONFLICT, "ROLLBACK_REFUSED", ex.getMessage(),
                    RollbackRefusedException.recommendation());
        }
        if (ex instanceof RollbackWouldLoseDataException) {
            return response(STATUS_CONFLICT, "ROLLBACK_WOULD_LOSE_DATA", ex.getMessage(),
                    "Create a fix-forward migration (make:migration FixYourChanges), or send \"force\": true if "
                            + "losing that data is intended");
        }
        if (ex instanceof MigrationException migrationException) {
            return response(status(migrationException.getErrorCode()), migrationException.getErrorCode().name(),
                    ex.getMessage(), null);
        }
        logger.error("Migrations endpoint failed", ex);
        return response(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, "UNAVAILABLE",
                "Migrations are not available: " + ex.getMessage(), "See the application log for details");
    }

    private static int status(MigrationException.ErrorCode errorCode) {
        switch (errorCode) {
            case INVALID_INPUT:
                return WebEndpointResponse.STATUS_BAD_REQUEST;
            case OPERATION_DISABLED:
                return STATUS_FORBIDDEN;
            case CONNECTION_FAILED:
                return WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
            default:
                return STATUS_CONFLICT;
        }
    }

    private static WebEndpointResponse<Object> response(int status, String error, @Nullable String message,
            @Nullable String recommendation) {
        return new WebEndpointResponse<>(new ErrorDescriptor(error, String.valueOf(message), recommendation), status);
    }

    /**
     * The status.
     * @param currentVersion the newest applied version, or {@code null}
     * @param pendingCount how many migrations a migrate run would apply
     * @param counts how many migrations are in each state
     * @param entries every migration, ordered by version
     */
    public record MigrationsDescriptor(@Nullable String currentVersion, int pendingCount, Map<MigrationState, Long> counts,
            List<EntryDescriptor> entries) {

        static MigrationsDescriptor of(MigrationStatus status) {
            Map<MigrationState, Long> counts = new LinkedHashMap<>();
            for (MigrationState state : MigrationState.values()) {
                counts.put(state, status.count(state));
            }
            return new MigrationsDescriptor(status.currentVersion().map(MigrationVersion::value).orElse(null),
                    status.pending().size(), counts,
                    status.entries().stream().map((entry) -> EntryDescriptor.of(entry, null)).toList());
        }
    }

    /**
     * One migration.
     * @param statements for a pending migration asked for by version, the statements a dry run shows; else null
     */
    public record EntryDescriptor(String version, String description, String domain, MigrationState state,
            boolean reversible, boolean transactional, @Nullable Instant appliedAt, @Nullable String appliedBy,
            @Nullable Long executionTimeMs, @Nullable Long sizeBeforeBytes, @Nullable Long sizeAfterBytes,
            @Nullable Long sizeDeltaBytes, @Nullable List<String> statements) {

        static EntryDescriptor of(MigrationStatusEntry entry, @Nullable List<String> statements) {
            return new EntryDescriptor(entry.version().value(), entry.description(), entry.domain(), entry.state(),
                    entry.reversible(), entry.transactional(), entry.appliedAt(), entry.appliedBy(),
                    millis(entry.executionTime()), entry.sizeBeforeBytes(), entry.sizeAfterBytes(),
                    entry.sizeDeltaBytes(), statements);
        }
    }

    /**
     * A dry run of every pending migration; nothing was changed.
     * @param pendingCount how many migrations would run
     * @param migrations each one with its statements
     */
    public record PendingDescriptor(boolean dryRun, int pendingCount, List<OutcomeDescriptor> migrations) {

        static PendingDescriptor of(MigrateResult result) {
            return new PendingDescriptor(true, result.count(),
                    result.migrations().stream().map(OutcomeDescriptor::of).toList());
        }
    }

    /**
     * The result of a rollback.
     * @param dryRun whether nothing was changed
     * @param count how many migrations were (or would be) rolled back
     * @param migrations each one, newest first
     * @param currentVersion the newest applied version afterwards, or {@code null}
     */
    public record RollbackDescriptor(boolean dryRun, int count, List<OutcomeDescriptor> migrations,
            @Nullable String currentVersion) {

        static RollbackDescriptor of(RollbackResult result) {
            return new RollbackDescriptor(result.dryRun(), result.count(),
                    result.migrations().stream().map(OutcomeDescriptor::of).toList(),
                    result.status().currentVersion().map(MigrationVersion::value).orElse(null));
        }
    }

    /** What happened, or would happen, to one migration in a run. */
    public record OutcomeDescriptor(String version, String description, String domain, String direction,
            String outcome, long executionTimeMs, @Nullable Long sizeBeforeBytes, @Nullable Long sizeAfterBytes,
            List<String> statements, @Nullable String failure, List<String> notes) {

        static OutcomeDescriptor of(MigrationOutcome outcome) {
            return new OutcomeDescriptor(outcome.version().value(), outcome.description(), outcome.domain(),
                    outcome.direction().tag(), outcome.outcome().tag(), outcome.executionTime().toMillis(),
                    outcome.sizeBeforeBytes(), outcome.sizeAfterBytes(), outcome.statements(), outcome.failure(),
                    outcome.notes());
        }
    }

    /**
     * Why a request was not carried out.
     * @param error the error code, such as {@code ROLLBACK_REFUSED}
     * @param message what was wrong
     * @param recommendation what to do instead, if there is advice
     */
    public record ErrorDescriptor(String error, String message, @Nullable String recommendation) {
    }

    private static @Nullable Long millis(@Nullable Duration duration) {
        return (duration != null) ? duration.toMillis() : null;
    }
}
