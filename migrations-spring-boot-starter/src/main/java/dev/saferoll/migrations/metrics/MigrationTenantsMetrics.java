package dev.saferoll.migrations.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.saferoll.migrations.status.TenantStatusService;
import dev.saferoll.migrations.tenant.TenantState;

/**
 * Gauge {@code migrations.tenants}, tagged {@code state} ({@code up_to_date}, {@code pending}, {@code running},
 * {@code failed}, {@code unreachable}): how many tenants are in each state. One series per state and never one per
 * tenant, so a thousand tenants make five series. Reads the cached reading of the {@link TenantStatusService}; NaN
 * until the first reading has finished.
 */
public class MigrationTenantsMetrics implements MeterBinder {

    private final TenantStatusService statusService;

    public MigrationTenantsMetrics(TenantStatusService statusService) {
        this.statusService = statusService;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TenantState state : TenantState.values()) {
            Gauge.builder("migrations.tenants", this.statusService, (service) -> count(service, state))
                .tag("state", state.name().toLowerCase(Locale.ROOT))
                .description("Tenants in each migration state")
                .register(registry);
        }
    }

    private static double count(TenantStatusService service, TenantState state) {
        return service.current().map((snapshot) -> (double) snapshot.status().counts().get(state)).orElse(Double.NaN);
    }
}
