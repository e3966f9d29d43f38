package dev.saferoll.migrations.tenant;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tenant's status, read at one time.
 * @param tenants one status per tenant, in the order the tenants were listed
 * @param takenAt when the reading started
 */
public record TenantsStatus(List<TenantStatus> tenants, Instant takenAt) {

    public TenantsStatus {
        tenants = List.copyOf(tenants);
    }

    /** How many tenants are in each state; every state is present, most with 0. */
    public Map<TenantState, Integer> counts() {
        Map<TenantState, Integer> counts = new EnumMap<>(TenantState.class);
        for (TenantState state : TenantState.values()) {
            counts.put(state, 0);
        }
        this.tenants.forEach((tenant) -> counts.merge(tenant.state(), 1, Integer::sum));
        return counts;
    }

    /** The tenants in the given state. */
    public List<TenantStatus> inState(TenantState state) {
        return this.tenants.stream().filter((tenant) -> tenant.state() == state).toList();
    }

    /** One tenant's status, if it is listed. */
    public Optional<TenantStatus> find(String tenant) {
        return this.tenants.stream().filter((status) -> status.tenant().equals(tenant)).findFirst();
    }
}
