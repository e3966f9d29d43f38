package dev.saferoll.migrations.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.actuate.MigrationsEndpoint;
import dev.saferoll.migrations.actuate.MigrationsEndpointWebExtension;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.status.TenantStatusService;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MigrationsEndpoint} and its web extension.
 */
@AutoConfiguration(after = { MigrationsAutoConfiguration.class, MigrationsTenantsAutoConfiguration.class })
@ConditionalOnClass({ Migrations.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrationsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnBean({ Migrations.class, MigrationStatusService.class })
    @ConditionalOnMissingBean
    MigrationsEndpoint migrationsEndpoint(Migrations migrations, MigrationStatusService statusService,
            MigrationsProperties properties, ObjectProvider<TenantStatusService> tenants) {
        return new MigrationsEndpoint(migrations, statusService, properties.getRollback().isEnabled(),
                tenants.getIfAvailable());
    }

    @Bean
    @ConditionalOnBean(MigrationsEndpoint.class)
    @ConditionalOnMissingBean
    MigrationsEndpointWebExtension migrationsEndpointWebExtension(MigrationsEndpoint endpoint) {
        return new MigrationsEndpointWebExtension(endpoint);
    }
}
