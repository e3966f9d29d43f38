package dev.saferoll.migrations.actuate;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.ErrorDescriptor;

/**
 * The HTTP face of the {@link MigrationsEndpoint}: each {@link ErrorCode} becomes one status, with a body of
 * {@code error}, {@code message} and {@code recommendation}; never a 500.
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsEndpointWebExtension {

    static final int STATUS_FORBIDDEN = 403;

    static final int STATUS_CONFLICT = 409;

    private static final Log logger = LogFactory.getLog(MigrationsEndpointWebExtension.class);

    private final MigrationsEndpoint endpoint;

    public MigrationsEndpointWebExtension(MigrationsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @ReadOperation
    public WebEndpointResponse<Object> migrations() {
        return answer(this.endpoint::migrations);
    }

    @ReadOperation
    public WebEndpointResponse<Object> migration(@Selector String version) {
        WebEndpointResponse<Object> response = answer(() -> this.endpoint.migration(version));
        if (response.getBody() == null) {
            return new WebEndpointResponse<>(new ErrorDescriptor("NOT_FOUND", "No migration with version " + version
                    + " is in the code or the history table", "List the known versions with GET /actuator/migrations"),
                    WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return response;
    }

    @ReadOperation
    public WebEndpointResponse<Object> tenant(@Selector String tenants, @Selector String tenant) {
        return answer(() -> this.endpoint.tenant(tenants, tenant));
    }

    @WriteOperation
    public WebEndpointResponse<Object> rollbackTenant(@Selector String tenants, @Selector String tenant,
            @Nullable String steps, @Nullable Boolean dryRun, @Nullable Boolean allowDataLoss,
            @Nullable String force) {
        return answer(() -> this.endpoint.rollbackTenant(tenants, tenant, steps, dryRun, allowDataLoss, force));
    }

    @WriteOperation
    public WebEndpointResponse<Object> dryRun(@Selector String selector) {
        return answer(() -> this.endpoint.dryRun(selector));
    }

    @WriteOperation
    public WebEndpointResponse<Object> rollback(@Nullable String steps, @Nullable Boolean dryRun,
            @Nullable Boolean allowDataLoss, @Nullable String force) {
        return answer(() -> this.endpoint.rollback(steps, dryRun, allowDataLoss, force));
    }

    private static WebEndpointResponse<Object> answer(Supplier<@Nullable Object> operation) {
        try {
            return new WebEndpointResponse<>(operation.get());
        }
        catch (MigrationException ex) {
            return new WebEndpointResponse<>(new ErrorDescriptor(ex.getErrorCode().name(), ex.getDescription(),
                    ex.getRecommendation()), status(ex.getErrorCode()));
        }
        catch (RuntimeException ex) {
            logger.error("Migrations endpoint failed", ex);
            return new WebEndpointResponse<>(new ErrorDescriptor("UNAVAILABLE", "Migrations are not available: "
                    + ex.getMessage(), "See the application log for details"),
                    WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
        }
    }

    static int status(ErrorCode errorCode) {
        return switch (errorCode) {
            case INVALID_INPUT -> WebEndpointResponse.STATUS_BAD_REQUEST;
            case OPERATION_DISABLED -> STATUS_FORBIDDEN;
            case UNKNOWN_TENANT -> WebEndpointResponse.STATUS_NOT_FOUND;
            case CONNECTION_FAILED, UNSUPPORTED_DATABASE -> WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
            case VALIDATION_FAILED, ROLLBACK_REFUSED, ROLLBACK_WOULD_LOSE_DATA, LOCK_NOT_ACQUIRED, EXECUTION_FAILED,
                    NOT_MIGRATED ->
                STATUS_CONFLICT;
        };
    }
}
