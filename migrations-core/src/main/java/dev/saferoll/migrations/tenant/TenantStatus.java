package dev.saferoll.migrations.tenant;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationVersion;

/**
 * One tenant's status, small enough to keep for thousands of tenants.
 * @param tenant the tenant's id
 * @param state where it stands
 * @param applied how many migrations are applied
 * @param pending how many migrations a migrate run would apply
 * @param currentVersion the newest applied version, or {@code null}
 * @param problem why it is FAILED or UNREACHABLE, or {@code null}
 */
public record TenantStatus(String tenant, TenantState state, int applied, int pending,
        @Nullable MigrationVersion currentVersion, @Nullable String problem) {

    /**
     * The state a migration status shows; {@code lastFailure}, the error of this process's last run of the tenant,
     * makes it FAILED while the tenant is not up to date.
     */
    static TenantStatus of(String tenant, MigrationStatus status, @Nullable String lastFailure) {
        int applied = 0;
        int pending = 0;
        String problem = null;
        boolean running = false;
        for (MigrationStatusEntry entry : status.entries()) {
            MigrationState state = entry.state();
            applied += state.isApplied() ? 1 : 0;
            pending += state.isPending() ? 1 : 0;
            running |= state == MigrationState.RUNNING;
            if (problem == null && state.needsAttention()) {
                problem = entry.version() + " is " + state;
            }
        }
        TenantState state;
        if (problem != null) {
            state = TenantState.FAILED;
        }
        else if (running) {
            state = TenantState.RUNNING;
        }
        else if (pending > 0 && lastFailure != null) {
            state = TenantState.FAILED;
            problem = lastFailure;
        }
        else {
            state = (pending > 0) ? TenantState.PENDING : TenantState.UP_TO_DATE;
        }
        return new TenantStatus(tenant, state, applied, pending, status.currentVersion().orElse(null), problem);
    }

    static TenantStatus unreachable(String tenant, String problem) {
        return new TenantStatus(tenant, TenantState.UNREACHABLE, 0, 0, null, problem);
    }
}
