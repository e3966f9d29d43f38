package dev.saferoll.migrations.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.saferoll.migrations.status.TenantStatusService;
import dev.saferoll.migrations.tenant.TenantState;
import dev.saferoll.migrations.tenant.TenantStatus;
import dev.saferoll.migrations.tenant.TenantsStatus;

/**
 * Health of migrations that run per tenant: DOWN when any tenant FAILED, naming the first ones; UP otherwise, with the
 * count of tenants in each state. UNKNOWN until the first reading of every tenant has finished. Reads the cached
 * reading of the {@link TenantStatusService}, so a health check reads the tenants at most once per
 * {@code migrations.metrics.refresh-interval}.
 */
public class MigrationTenantsHealthIndicator extends AbstractHealthIndicator {

    /** How many failed tenants the details name; the rest are counted. */
    static final int NAMED_FAILURES = 10;

    private final TenantStatusService statusService;

    public MigrationTenantsHealthIndicator(TenantStatusService statusService) {
        super("Tenant status could not be read");
        this.statusService = statusService;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Optional<TenantStatusService.Snapshot> snapshot = this.statusService.current();
        if (snapshot.isEmpty()) {
            builder.unknown().withDetail("reason", "the first reading of the tenants has not finished yet");
            return;
        }
        TenantsStatus status = snapshot.get().status();
        Map<String, Integer> counts = new LinkedHashMap<>();
        status.counts().forEach((state, count) -> counts.put(state.name().toLowerCase(Locale.ROOT), count));
        builder.withDetail("tenants", status.tenants().size()).withDetail("counts", counts);
        if (snapshot.get().stale()) {
            builder.withDetail("stale", true).withDetail("staleReason", String.valueOf(snapshot.get().staleReason()));
        }
        List<TenantStatus> failed = status.inState(TenantState.FAILED);
        if (failed.isEmpty()) {
            builder.up();
            return;
        }
        Map<String, String> named = new LinkedHashMap<>();
        failed.stream()
            .limit(NAMED_FAILURES)
            .forEach((tenant) -> named.put(tenant.tenant(), String.valueOf(tenant.problem())));
        builder.down().withDetail("failed", named);
        if (failed.size() > NAMED_FAILURES) {
            builder.withDetail("moreFailed", failed.size() - NAMED_FAILURES);
        }
        builder.withDetail("action", "Fix each failed tenant by hand, clear its FAILED migration with db:reset VERSION "
                + "--tenant=ID, then db:migrate --tenant=ID");
    }
}
