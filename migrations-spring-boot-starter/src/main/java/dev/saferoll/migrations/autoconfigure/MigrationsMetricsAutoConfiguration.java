package dev.saferoll.migrations.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.saferoll.migrations.metrics.MigrationTenantsMetrics;
import dev.saferoll.migrations.metrics.MigrationsMetrics;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.status.TenantStatusService;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link MigrationsMetrics}, when Micrometer is present and a
 * {@link MeterRegistry} is configured.
 */
@AutoConfiguration(after = { MigrationsAutoConfiguration.class, MigrationsTenantsAutoConfiguration.class },
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, MigrationStatusService.class })
public final class MigrationsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationsMetrics migrationsMetrics(MigrationStatusService statusService,
            ObjectProvider<TenantStatusService> tenants) {
        // Asked when a registry is bound, after startup: the tenants depend on the Migrations bean, which this
        // listener is handed to.
        return new MigrationsMetrics(statusService, () -> tenants.getIfAvailable() == null);
    }

    @Bean
    @ConditionalOnBean(TenantStatusService.class)
    @ConditionalOnMissingBean
    MigrationTenantsMetrics migrationTenantsMetrics(TenantStatusService statusService) {
        return new MigrationTenantsMetrics(statusService);
    }
}
