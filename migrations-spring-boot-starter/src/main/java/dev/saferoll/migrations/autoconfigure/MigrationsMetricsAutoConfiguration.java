package dev.saferoll.migrations.metrics;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.saferoll.migrations.autoconfigure.MigrationStatusSnapshots;
import dev.saferoll.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.saferoll.migrations.autoconfigure.MigrationsProperties;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link MigrationsMetrics}, when Micrometer is present and a
 * {@link MeterRegistry} is configured.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, MigrationStatusSnapshots.class })
public final class MigrationsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationsMetrics migrationsMetrics(MigrationStatusSnapshots snapshots, DataSource dataSource,
            MigrationsProperties properties) {
        return new MigrationsMetrics(snapshots, dataSource, properties.getMetrics().getRefreshInterval());
    }
}
