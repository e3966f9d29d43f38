package dev.saferoll.migrations.actuate;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.autoconfigure.MigrationStatusSnapshots;
import dev.saferoll.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.saferoll.migrations.autoconfigure.MigrationsProperties;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link MigrationsEndpoint}.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnClass({ Migrations.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrationsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnBean({ Migrations.class, MigrationStatusSnapshots.class })
    @ConditionalOnMissingBean
    MigrationsEndpoint migrationsEndpoint(Migrations migrations, MigrationStatusSnapshots snapshots,
            MigrationsProperties properties) {
        return new MigrationsEndpoint(migrations, snapshots, properties.getRollback().isEnabled());
    }
}
