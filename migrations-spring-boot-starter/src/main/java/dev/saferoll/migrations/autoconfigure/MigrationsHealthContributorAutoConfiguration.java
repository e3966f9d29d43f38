package dev.saferoll.migrations.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.saferoll.migrations.health.MigrationTenantsHealthIndicator;
import dev.saferoll.migrations.health.MigrationsHealthIndicator;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.status.TenantStatusService;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link MigrationsHealthIndicator}. Switch it off with
 * {@code management.health.migrations.enabled=false}.
 */
@AutoConfiguration(after = { MigrationsAutoConfiguration.class, MigrationsTenantsAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(MigrationStatusService.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class MigrationsHealthContributorAutoConfiguration {

    /** With tenants, the {@code migrations} health is theirs: the default schema is not migrated then. */
    @Bean("migrationsHealthIndicator")
    @ConditionalOnBean(TenantStatusService.class)
    @ConditionalOnMissingBean(name = "migrationsHealthIndicator")
    MigrationTenantsHealthIndicator migrationTenantsHealthIndicator(TenantStatusService statusService) {
        return new MigrationTenantsHealthIndicator(statusService);
    }

    @Bean
    @ConditionalOnMissingBean(name = "migrationsHealthIndicator")
    MigrationsHealthIndicator migrationsHealthIndicator(MigrationStatusService statusService) {
        return new MigrationsHealthIndicator(statusService);
    }
}
