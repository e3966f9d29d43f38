package dev.saferoll.migrations.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.status.TenantStatusService;
import dev.saferoll.migrations.tenant.TenantState;
import dev.saferoll.migrations.tenant.TenantStatus;
import dev.saferoll.migrations.tenant.TenantsStatus;

/** The JSON shapes of {@code /actuator/migrations/tenants}. */
public final class TenantDescriptors {

    /** How many tenants a summary names per state; the rest are only counted. */
    static final int NAMED = 20;

    private TenantDescriptors() {
    }

    /**
     * Every tenant, summarised.
     * @param tenants how many tenants are listed
     * @param counts how many tenants are in each state
     * @param failed the FAILED tenants, at most {@value #NAMED}, with what went wrong
     * @param behind the PENDING and RUNNING tenants, at most {@value #NAMED}
     * @param unreachable the tenants whose status could not be read, at most {@value #NAMED}
     * @param readAt when the tenants were read
     * @param stale whether a newer reading failed or is still going on
     */
    public record TenantsDescriptor(int tenants, Map<TenantState, Integer> counts, List<TenantDescriptor> failed,
            List<String> behind, List<TenantDescriptor> unreachable, Instant readAt, boolean stale) {

        static TenantsDescriptor of(TenantStatusService.Snapshot snapshot) {
            TenantsStatus status = snapshot.status();
            List<String> behind = status.tenants()
                .stream()
                .filter((tenant) -> tenant.state() == TenantState.PENDING || tenant.state() == TenantState.RUNNING)
                .limit(NAMED)
                .map(TenantStatus::tenant)
                .toList();
            return new TenantsDescriptor(status.tenants().size(), new LinkedHashMap<>(status.counts()),
                    named(status, TenantState.FAILED), behind, named(status, TenantState.UNREACHABLE),
                    status.takenAt(), snapshot.stale());
        }

        private static List<TenantDescriptor> named(TenantsStatus status, TenantState state) {
            return status.inState(state).stream().limit(NAMED).map(TenantDescriptor::of).toList();
        }
    }

    /**
     * One tenant.
     * @param tenant its id
     * @param state where it stands
     * @param applied how many migrations are applied
     * @param pending how many migrations a migrate run would apply
     * @param currentVersion the newest applied version, or {@code null}
     * @param problem why it is FAILED or UNREACHABLE, or {@code null}
     */
    public record TenantDescriptor(String tenant, TenantState state, int applied, int pending,
            @Nullable String currentVersion, @Nullable String problem) {

        static TenantDescriptor of(TenantStatus status) {
            MigrationVersion current = status.currentVersion();
            return new TenantDescriptor(status.tenant(), status.state(), status.applied(), status.pending(),
                    (current != null) ? current.value() : null, status.problem());
        }
    }
}
