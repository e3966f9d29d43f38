package dev.saferoll.migrations.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.metadata.CompositeDataSourcePoolMetadataProvider;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadata;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.event.MigrationEventPublisher;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.status.TenantStatusService;
import dev.saferoll.migrations.tenant.MigrationTenants;
import dev.saferoll.migrations.tenant.TenantMigrations;
import dev.saferoll.migrations.tenant.TenantRun;
import dev.saferoll.migrations.tenant.TenantsMigrateResult;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for migrations that run per tenant: when
 * {@code migrations.tenants.schemas} lists schemas or a {@link MigrationTenants} bean exists, the migrations run in
 * every tenant at startup, in parallel, instead of in the default schema. Each tenant is a copy of the
 * {@link Migrations} bean's configuration with a schema (or a data source) of its own.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnBean(Migrations.class)
public final class MigrationsTenantsAutoConfiguration {

    private static final Log logger = LogFactory.getLog(MigrationsTenantsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnTenantSchemasCondition.class)
    MigrationTenants migrationTenants(MigrationsProperties properties) {
        return MigrationTenants.ofSchemas(properties.getTenants().getSchemas());
    }

    @Bean
    @ConditionalOnBean(MigrationTenants.class)
    @ConditionalOnMissingBean
    TenantMigrations tenantMigrations(Migrations migrations, MigrationTenants tenants, MigrationsProperties properties,
            ObjectProvider<DataSourcePoolMetadataProvider> poolMetadata) {
        MigrationsConfiguration configuration = migrations.getConfiguration();
        // The default schema's status service must not hear the tenants' runs, and no application event is published
        // from the fan-out's threads while the context is still starting: tenants report through their own status.
        MigrationsConfiguration base = configuration.withListeners(configuration.listeners()
            .stream()
            .filter((listener) -> !(listener instanceof MigrationStatusService)
                    && !(listener instanceof MigrationEventPublisher))
            .toList());
        TenantMigrations.Builder builder = TenantMigrations.builder(base)
            .tenants(tenants)
            .parallelism(properties.getTenants().getParallelism())
            .stopAtFirstFailure(properties.getTenants().isStopAtFirstFailure());
        Integer poolSize = maximumPoolSize(configuration.dataSource(), poolMetadata.orderedStream().toList());
        if (poolSize != null) {
            // Keep one connection for the application, but never less than one tenant's worth.
            builder.connectionBudget(Math.max(TenantMigrations.CONNECTIONS_PER_TENANT, poolSize - 1));
        }
        TenantMigrations tenantMigrations = builder.build();
        if (tenantMigrations.parallelism() < properties.getTenants().getParallelism() && logger.isInfoEnabled()) {
            logger.info("Migrating at most " + tenantMigrations.parallelism() + " tenants at once, not "
                    + properties.getTenants().getParallelism() + ": each holds "
                    + TenantMigrations.CONNECTIONS_PER_TENANT + " connections of a pool of " + poolSize
                    + "; raise the pool's maximum size to run more");
        }
        return tenantMigrations;
    }

    private static Integer maximumPoolSize(DataSource dataSource, List<DataSourcePoolMetadataProvider> providers) {
        DataSourcePoolMetadata metadata = new CompositeDataSourcePoolMetadataProvider(providers)
            .getDataSourcePoolMetadata(dataSource);
        return (metadata != null) ? metadata.getMax() : null;
    }

    @Bean
    @ConditionalOnBean(TenantMigrations.class)
    @ConditionalOnMissingBean
    TenantStatusService tenantStatusService(TenantMigrations tenants, MigrationsProperties properties) {
        return new TenantStatusService(tenants, properties.getMetrics().getRefreshInterval(),
                properties.getStatus().getReadTimeout());
    }

    /**
     * What startup does with tenants: migrates them all (a dry run with {@code migrations.dry-run=true}), or in wait
     * mode waits until none is behind. One tenant's failure fails the startup only with
     * {@code migrations.tenants.stop-at-first-failure=true}; otherwise the health indicator names it.
     */
    @Bean
    @ConditionalOnBean(TenantMigrations.class)
    @ConditionalOnMissingBean
    MigrationsStartupStrategy tenantsStartupStrategy(TenantMigrations tenants, TenantStatusService statusService,
            MigrationsProperties properties) {
        return (migrations) -> {
            if (properties.getStartup().getMode() == MigrationsProperties.StartupMode.WAIT) {
                tenants.awaitUpToDate(properties.getStartup().getWaitTimeout());
                return;
            }
            TenantsMigrateResult result = tenants
                .migrateAll(MigrateOptions.defaults().withDryRun(properties.isDryRun()));
            statusService.invalidate();
            if (properties.getTenants().isStopAtFirstFailure() && result.hasFailures()) {
                TenantRun failed = result.runs(TenantRun.Result.FAILED).get(0);
                throw new MigrationException(ErrorCode.EXECUTION_FAILED, "Tenant " + failed.tenant()
                        + " failed, so the tenants not started yet were skipped: " + result.summary() + ". "
                        + ((failed.error() != null) ? failed.error().getDescription() : ""),
                        (failed.error() != null) ? failed.error().getRecommendation() : ErrorCode.EXECUTION_FAILED
                            .advice(), failed.error());
            }
        };
    }

    /** {@code migrations.tenants.schemas} lists at least one schema. */
    static final class OnTenantSchemasCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            List<String> schemas = Binder.get(context.getEnvironment())
                .bind("migrations.tenants.schemas", Bindable.listOf(String.class))
                .orElse(List.of());
            return schemas.isEmpty() ? ConditionOutcome.noMatch("migrations.tenants.schemas is empty")
                    : ConditionOutcome.match("migrations.tenants.schemas lists " + schemas.size() + " schema(s)");
        }
    }
}
