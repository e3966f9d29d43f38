package dev.saferoll.migrations.autoconfigure;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.cli.MigrationsCommandRunListener;
import dev.saferoll.migrations.event.MigrationEventPublisher;
import dev.saferoll.migrations.sqlfile.SqlFileMigrations;
import dev.saferoll.migrations.status.MigrationStatusService;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Saferoll migrations. Every {@link Migration} bean and every
 * SQL file under {@code migrations.locations} is handed to one {@link Migrations} bean, which runs at startup before
 * JPA and JDBC beans are created.
 * {@link MigrationsConfigurationCustomizer} beans change it before it is built.
 * <p>
 * A user-defined {@link Migrations} bean replaces the auto-configured one. Hand it the {@link MigrationListener} beans
 * ({@code builder.listeners(listeners.orderedStream().toList())}), or the status, health, metrics and events will not
 * hear its runs.
 * <p>
 * Without a {@code DataSource}, migrations fail the startup rather than being skipped; no migrations at all log
 * where Saferoll looked (see {@link MigrationsDiscovery}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Migrations.class)
@ConditionalOnBooleanProperty(name = "migrations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigrationsProperties.class)
public final class MigrationsAutoConfiguration {

    static MigrationsDiscovery discovery(MigrationsDiscovery.Source migrations, ListableBeanFactory beanFactory,
            ObjectProvider<Migrations> facade, ResourceLoader resourceLoader, ConfigurableEnvironment environment) {
        List<String> packages = AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory)
                : List.of();
        boolean commandMode = environment.getPropertySources()
            .contains(MigrationsCommandRunListener.PROPERTY_SOURCE_NAME);
        return new MigrationsDiscovery(List.of(migrations), beanFactory, facade, packages, resourceLoader, environment,
                commandMode);
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(MigrationsDataSourceCondition.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class MigrationsRunConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MigrationStatusService migrationStatusService(ObjectProvider<Migrations> migrations,
                MigrationsProperties properties) {
            return new MigrationStatusService(migrations::getObject, properties.getMetrics().getRefreshInterval(),
                    properties.getStatus().getReadTimeout());
        }

        @Bean
        @ConditionalOnMissingBean
        MigrationEventPublisher migrationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
            return new MigrationEventPublisher(applicationEventPublisher);
        }

        @Bean
        static MigrationsDiscovery migrationsDiscovery(ListableBeanFactory beanFactory,
                ObjectProvider<Migrations> migrations, ResourceLoader resourceLoader,
                ConfigurableEnvironment environment) {
            return discovery(MigrationsDiscovery.facade(migrations, environment), beanFactory, migrations,
                    resourceLoader, environment);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(MigrationsDataSourceCondition.None.class)
    @ConditionalOnMissingBean(Migrations.class)
    static class NoDataSourceConfiguration {

        @Bean
        static MigrationsDiscovery migrationsDiscovery(ListableBeanFactory beanFactory,
                ObjectProvider<Migrations> migrations, ResourceLoader resourceLoader,
                ConfigurableEnvironment environment) {
            return discovery(MigrationsDiscovery.beans(beanFactory), beanFactory, migrations, resourceLoader,
                    environment);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(MigrationsDataSourceCondition.class)
    @ConditionalOnMissingBean(Migrations.class)
    static class MigrationsBeanConfiguration {

        @Bean
        Migrations migrations(@MigrationsDataSource ObjectProvider<DataSource> migrationsDataSource,
                ObjectProvider<DataSource> dataSource, ObjectProvider<DataSourceProperties> dataSourceProperties,
                MigrationsProperties properties, ObjectProvider<Migration> migrations,
                ObjectProvider<MigrationListener> listeners,
                ObjectProvider<MigrationsConfigurationCustomizer> customizers, ResourceLoader resourceLoader) {
            MigrationsConfiguration.Builder builder = Migrations.builder()
                .dataSource(dataSource(migrationsDataSource, dataSource, dataSourceProperties, properties))
                .migrations(migrations.orderedStream().toList())
                .migrations(SqlFileMigrations.of(new SqlMigrationFileScanner(
                        ResourcePatternUtils.getResourcePatternResolver(resourceLoader))
                    .scan(properties.getLocations())));
            PropertyMapper map = PropertyMapper.get();
            map.from(properties.getTable()).to((table) -> builder.table(table));
            map.from(properties.getLockWaitTimeout()).to((timeout) -> builder.lockWaitTimeout(timeout));
            builder.lockTimeout(properties.getLockTimeout());
            builder.statementTimeout(properties.getStatementTimeout());
            builder.outOfOrder(properties.isOutOfOrder());
            builder.failOnMissing(properties.isFailOnMissing());
            builder.failOnFuture(properties.isFailOnFuture());
            builder.failOnChanged(properties.isFailOnChanged());
            builder.connectRetries(properties.getConnectRetries());
            builder.lintMode(properties.getLint());
            map.from(properties.getConnectRetriesInterval()).to((interval) -> builder.connectRetriesInterval(interval));
            builder.listeners(listeners.orderedStream().toList());
            customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
            return builder.build();
        }

        /**
         * The qualified {@code @MigrationsDataSource} bean, else one built from {@code migrations.datasource.*}
         * (user and password default to {@code spring.datasource.*}), else the application's DataSource. A built one
         * pools nothing: migrations open few connections, and the lock needs a session of its own.
         */
        private static DataSource dataSource(ObjectProvider<DataSource> migrationsDataSource,
                ObjectProvider<DataSource> dataSource, ObjectProvider<DataSourceProperties> dataSourceProperties,
                MigrationsProperties properties) {
            DataSource qualified = migrationsDataSource.getIfAvailable();
            if (qualified != null) {
                return qualified;
            }
            MigrationsProperties.Datasource own = properties.getDatasource();
            if (own.getUrl() != null) {
                DataSourceProperties application = dataSourceProperties.getIfAvailable();
                String username = (own.getUsername() != null) ? own.getUsername()
                        : (application != null) ? application.determineUsername() : null;
                String password = (own.getPassword() != null) ? own.getPassword()
                        : (application != null) ? application.determinePassword() : null;
                return DataSourceBuilder.create()
                    .type(SimpleDriverDataSource.class)
                    .url(own.getUrl())
                    .username(username)
                    .password(password)
                    .build();
            }
            return dataSource.getObject();
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "migrations.run-on-startup", matchIfMissing = true)
        MigrationsInitializer migrationsInitializer(Migrations migrations, MigrationsProperties properties,
                ObjectProvider<MigrationsStartupStrategy> strategy, MigrationsDiscovery discovery) {
            MigrationsStartupStrategy startup = strategy.getIfAvailable();
            if (startup == null && properties.getStartup().getMode() == MigrationsProperties.StartupMode.WAIT) {
                Duration timeout = properties.getStartup().getWaitTimeout();
                startup = (facade) -> facade.awaitUpToDate(timeout);
            }
            MigrationsInitializer initializer = new MigrationsInitializer(migrations, startup, properties.isDryRun());
            initializer.setSkipWhen(() -> !discovery.foundAny());
            return initializer;
        }
    }
}
