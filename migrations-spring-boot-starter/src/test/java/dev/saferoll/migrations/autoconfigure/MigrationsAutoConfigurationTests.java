package dev.saferoll.migrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.actuate.MigrationsEndpoint;
import dev.saferoll.migrations.cli.CommandSettings;
import dev.saferoll.migrations.event.MigrationAppliedEvent;
import dev.saferoll.migrations.event.MigrationEventPublisher;
import dev.saferoll.migrations.event.MigrationsFinishedEvent;
import dev.saferoll.migrations.event.MigrationsStartedEvent;
import dev.saferoll.migrations.health.MigrationsHealthIndicator;
import dev.saferoll.migrations.metrics.MigrationsMetrics;
import dev.saferoll.migrations.safety.LintMode;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class,
                MigrationsEndpointAutoConfiguration.class, MigrationsHealthContributorAutoConfiguration.class,
                MigrationsMetricsAutoConfiguration.class));

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    private ApplicationContextRunner withDatabase() {
        return this.contextRunner.withPropertyValues("spring.datasource.url=" + this.database.url());
    }

    @Test
    void appliesMigrationBeansAtStartup() {
        withDatabase().withUserConfiguration(TwoMigrationsConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(Migrations.class).hasSingleBean(MigrationsInitializer.class);
            assertThat(this.database.tableExists("widgets")).isTrue();
            assertThat(this.database.tableExists("gadgets")).isTrue();
            assertThat(context.getBean(MigrationStatusService.class).current().status().count(MigrationState.APPLIED))
                .isEqualTo(2);
        });
    }

    @Test
    void handsEveryMigrationAndListenerBeanToTheFacade() {
        withDatabase().withPropertyValues("migrations.run-on-startup=false")
            .withUserConfiguration(TwoMigrationsConfiguration.class, RecordingListenerConfiguration.class)
            .run((context) -> {
                MigrationsConfiguration configuration = context.getBean(Migrations.class).getConfiguration();
                assertThat(configuration.migrations()).extracting(Migration::getDescription)
                    .containsExactlyInAnyOrder("Create widgets table", "Create gadgets table");
                assertThat(configuration.listeners()).contains(context.getBean(MigrationStatusService.class),
                        context.getBean(MigrationEventPublisher.class), context.getBean(RecordingListener.class));
            });
    }

    @Test
    void backsOffWhenUserDefinesMigrationsBean() {
        withDatabase().withUserConfiguration(TwoMigrationsConfiguration.class, UserMigrationsConfiguration.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(Migrations.class).doesNotHaveBean(MigrationsInitializer.class);
                assertThat(context.getBean(Migrations.class)).isSameAs(context.getBean("userMigrations"));
                assertThat(this.database.tableExists("widgets")).isFalse();
            });
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        withDatabase().withPropertyValues("migrations.run-on-startup=false", "migrations.table=from_properties")
            .withUserConfiguration(CustomizerConfiguration.class)
            .run((context) -> {
                MigrationsConfiguration configuration = context.getBean(Migrations.class).getConfiguration();
                assertThat(configuration.table().name()).isEqualTo("second_customizer");
                assertThat(configuration.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(7));
            });
    }

    @Test
    void aUserDefinedFacadeHandedTheListenersIsHeardByStatusAndMetrics() {
        withDatabase().withUserConfiguration(TwoMigrationsConfiguration.class, UserFacadeWithListenersConfiguration.class,
                MeterRegistryConfiguration.class)
            .run((context) -> {
                Migrations migrations = context.getBean(Migrations.class);
                context.getBean(MigrationsMetrics.class).bindTo(context.getBean(MeterRegistry.class));
                migrations.migrate();
                MigrationStatusService status = context.getBean(MigrationStatusService.class);
                assertThat(status.latest()).get()
                    .satisfies((snapshot) -> assertThat(snapshot.status().count(MigrationState.APPLIED)).isEqualTo(2));
                assertThat(context.getBean(MeterRegistry.class).get("migrations.execution").timers())
                    .isNotEmpty();
            });
    }

    @Test
    void propertyDefaultsAgreeWithTheCore() {
        MigrationsProperties properties = new MigrationsProperties();
        MigrationsConfiguration core = Migrations.builder().dataSource(this.database.dataSource()).toConfiguration();
        assertThat(properties.getConnectRetries()).isEqualTo(core.connectRetries());
        assertThat(properties.getConnectRetriesInterval()).isEqualTo(core.connectRetriesInterval());
        assertThat(properties.getLockWaitTimeout()).isEqualTo(core.lockWaitTimeout());
        assertThat(properties.getLockTimeout()).isEqualTo(core.lockTimeout());
        assertThat(properties.getStatementTimeout()).isEqualTo(core.statementTimeout());
        assertThat(properties.getTable()).isEqualTo(core.table().name());
        assertThat(properties.isFailOnMissing()).isEqualTo(core.failOnMissing());
        assertThat(properties.isOutOfOrder()).isEqualTo(core.outOfOrder());
        assertThat(properties.getLint()).isEqualTo(core.lintMode());
    }

    @Test
    void makeDirectoryDefaultAgreesWithTheCommands() {
        assertThat(new MigrationsProperties().getMake().getDirectory()).isEqualTo(CommandSettings.MAKE_DIRECTORY);
        assertThat(new MigrationsProperties().getMake().getBasePackage()).isNull();
    }

    @Test
    void doesNothingWhenDisabled() {
        withDatabase().withPropertyValues("migrations.enabled=false")
            .withUserConfiguration(TwoMigrationsConfiguration.class)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(Migrations.class)
                    .doesNotHaveBean(MigrationStatusService.class)
                    .doesNotHaveBean(MigrationsHealthIndicator.class);
                assertThat(this.database.tableExists("widgets")).isFalse();
            });
    }

    @Test
    void backsOffWithoutDataSourceWhenThereIsNothingToMigrate() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(Migrations.class)
                .doesNotHaveBean(MigrationsInitializer.class));
    }

    @Test
    void doesNotMigrateWhenRunOnStartupIsOff() {
        withDatabase().withPropertyValues("migrations.run-on-startup=false")
            .withUserConfiguration(TwoMigrationsConfiguration.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(Migrations.class).doesNotHaveBean(MigrationsInitializer.class);
                assertThat(this.database.tableExists("widgets")).isFalse();
                assertThat(context.getBean(Migrations.class).status().pending()).hasSize(2);
            });
    }

    @Test
    void dryRunOnStartupChangesNothing() {
        withDatabase().withPropertyValues("migrations.dry-run=true")
            .withUserConfiguration(TwoMigrationsConfiguration.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(MigrationsInitializer.class);
                assertThat(this.database.tableExists("widgets")).isFalse();
                assertThat(context.getBean(Migrations.class).status().pending()).hasSize(2);
            });
    }

    @Test
    void startupStrategyReplacesTheDefaultRun() {
        withDatabase().withUserConfiguration(TwoMigrationsConfiguration.class, StrategyConfiguration.class)
            .run((context) -> {
                assertThat(context.getBean(RecordingStrategy.class).calls).containsExactly(
                        context.getBean(Migrations.class));
                assertThat(this.database.tableExists("widgets")).isFalse();
            });
    }

    @Test
    void bindsProperties() {
        withDatabase()
            .withPropertyValues("migrations.run-on-startup=false", "migrations.table=app_history",
                    "migrations.lock-wait-timeout=5s", "migrations.lock-timeout=2s",
                    "migrations.statement-timeout=30s", "migrations.out-of-order=true",
                    "migrations.fail-on-missing=false", "migrations.connect-retries=0",
                    "migrations.connect-retries-interval=250ms", "migrations.rollback.enabled=true",
                    "migrations.metrics.refresh-interval=15s", "migrations.lint=FAIL")
            .run((context) -> {
                MigrationsConfiguration configuration = context.getBean(Migrations.class).getConfiguration();
                assertThat(configuration.table().toString()).contains("app_history");
                assertThat(configuration.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(configuration.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(configuration.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
                assertThat(configuration.outOfOrder()).isTrue();
                assertThat(configuration.failOnMissing()).isFalse();
                assertThat(configuration.connectRetries()).isZero();
                assertThat(configuration.connectRetriesInterval()).isEqualTo(Duration.ofMillis(250));
                assertThat(configuration.lintMode()).isEqualTo(LintMode.FAIL);
                MigrationsProperties properties = context.getBean(MigrationsProperties.class);
                assertThat(properties.getRollback().isEnabled()).isTrue();
                assertThat(properties.getMetrics().getRefreshInterval()).isEqualTo(Duration.ofSeconds(15));
            });
    }

    @Test
    void usesTheConfiguredHistoryTable() {
        withDatabase().withPropertyValues("migrations.table=app_history")
            .withUserConfiguration(TwoMigrationsConfiguration.class)
            .run((context) -> {
                assertThat(this.database.tableExists("app_history")).isTrue();
                assertThat(this.database.tableExists("schema_migrations")).isFalse();
            });
    }

    @Test
    void jdbcTemplateWaitsForMigrations() {
        withDatabase().withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
            .withUserConfiguration(TwoMigrationsConfiguration.class, WidgetCounterConfiguration.class)
            .run((context) -> assertThat(context.getBean(WidgetCounter.class).countAtStartup).isZero());
    }

    @Test
    void publishesEventsForTheStartupRun() {
        withDatabase().withUserConfiguration(TwoMigrationsConfiguration.class, EventRecorderConfiguration.class)
            .run((context) -> {
                List<ApplicationEvent> events = context.getBean(EventRecorder.class).events;
                assertThat(events).filteredOn(MigrationsStartedEvent.class::isInstance).hasSize(1);
                assertThat(events).filteredOn(MigrationAppliedEvent.class::isInstance)
                    .extracting((event) -> ((MigrationAppliedEvent) event).getOutcome().version().value())
                    .containsExactly("2024_01_01_100000", "2024_01_02_100000");
                assertThat(events).filteredOn(MigrationsFinishedEvent.class::isInstance)
                    .singleElement()
                    .satisfies((event) -> assertThat(((MigrationsFinishedEvent) event).isSuccessful()).isTrue());
            });
    }

    @Test
    void endpointIsCreatedWhenExposed() {
        withDatabase().withPropertyValues("management.endpoints.web.exposure.include=migrations")
            .run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class));
    }

    @Test
    void noEndpointWithoutActuator() {
        withDatabase().withPropertyValues("management.endpoints.web.exposure.include=migrations")
            .withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
            .run((context) -> assertThat(context).hasSingleBean(Migrations.class)
                .doesNotHaveBean(MigrationsEndpoint.class));
    }

    @Test
    void noEndpointWhenNotExposed() {
        withDatabase().run((context) -> assertThat(context).hasSingleBean(Migrations.class)
            .doesNotHaveBean(MigrationsEndpoint.class));
    }

    @Test
    void healthIndicatorReportsUpWithTheCurrentVersion() {
        withDatabase().withUserConfiguration(TwoMigrationsConfiguration.class).run((context) -> {
            assertThat(context).hasBean("migrationsHealthIndicator");
            HealthIndicator indicator = context.getBean("migrationsHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health().getDetails()).containsEntry("currentVersion", "2024_01_02_100000")
                .containsEntry("pending", 0);
        });
    }

    @Test
    void healthIndicatorCanBeDisabled() {
        withDatabase().withPropertyValues("management.health.migrations.enabled=false")
            .run((context) -> assertThat(context).hasSingleBean(Migrations.class)
                .doesNotHaveBean(MigrationsHealthIndicator.class));
    }

    @Test
    void noHealthIndicatorWithoutSpringBootHealth() {
        withDatabase().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).hasSingleBean(Migrations.class)
                .doesNotHaveBean(MigrationsHealthIndicator.class));
    }

    @Test
    void metricsAreBoundWithAMeterRegistry() {
        withDatabase().withBean(SimpleMeterRegistry.class)
            .withUserConfiguration(TwoMigrationsConfiguration.class)
            .run((context) -> {
                assertThat(context).hasSingleBean(MigrationsMetrics.class);
                MigrationsMetrics metrics = context.getBean(MigrationsMetrics.class);
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                metrics.bindTo(registry);
                assertThat(registry.get("migrations.execution").tag("outcome", "success").timer().count())
                    .isEqualTo(2);
                assertThat(registry.get("migrations.applied").gauge().value()).isEqualTo(2);
                assertThat(registry.get("migrations.database.size").gauge().value()).isPositive();
                assertThat(context.getBean(Migrations.class).getConfiguration().listeners()).contains(metrics);
            });
    }

    @Test
    void noMetricsWithoutMicrometer() {
        withDatabase().withBean(SimpleMeterRegistry.class)
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasSingleBean(Migrations.class)
                .doesNotHaveBean(MigrationsMetrics.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoMigrationsConfiguration {

        @Bean
        Migration createWidgets() {
            return TestMigration.createTable("2024_01_01_100000", "widgets");
        }

        @Bean
        Migration createGadgets() {
            return TestMigration.createTable("2024_01_02_100000", "gadgets");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMigrationsConfiguration {

        @Bean
        Migrations userMigrations(javax.sql.DataSource dataSource) {
            return Migrations.builder().dataSource(dataSource).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserFacadeWithListenersConfiguration {

        @Bean
        Migrations userMigrations(javax.sql.DataSource dataSource, ObjectProvider<Migration> migrations,
                ObjectProvider<MigrationListener> listeners) {
            return Migrations.builder()
                .dataSource(dataSource)
                .migrations(migrations.orderedStream().toList())
                .listeners(listeners.orderedStream().toList())
                .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MeterRegistryConfiguration {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        @Bean
        @Order(2)
        MigrationsConfigurationCustomizer second() {
            return (builder) -> builder.table("second_customizer");
        }

        @Bean
        @Order(1)
        MigrationsConfigurationCustomizer first() {
            return (builder) -> builder.table("first_customizer").lockWaitTimeout(Duration.ofSeconds(7));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingListenerConfiguration {

        @Bean
        RecordingListener recordingListener() {
            return new RecordingListener();
        }
    }

    static class RecordingListener implements MigrationListener {
    }

    @Configuration(proxyBeanMethods = false)
    static class StrategyConfiguration {

        @Bean
        RecordingStrategy recordingStrategy() {
            return new RecordingStrategy();
        }
    }

    static class RecordingStrategy implements MigrationsStartupStrategy {

        final List<Migrations> calls = new ArrayList<>();

        @Override
        public void migrate(Migrations migrations) {
            this.calls.add(migrations);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WidgetCounterConfiguration {

        @Bean
        WidgetCounter widgetCounter(JdbcTemplate jdbcTemplate) {
            return new WidgetCounter(jdbcTemplate);
        }
    }

    static class WidgetCounter {

        final long countAtStartup;

        WidgetCounter(JdbcTemplate jdbcTemplate) {
            // Fails with "relation does not exist" unless the migrations ran first.
            this.countAtStartup = jdbcTemplate.queryForObject("SELECT count(*) FROM widgets", Long.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EventRecorderConfiguration {

        @Bean
        EventRecorder eventRecorder() {
            return new EventRecorder();
        }
    }

    static class EventRecorder implements ApplicationListener<ApplicationEvent> {

        final List<ApplicationEvent> events = new ArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            this.events.add(event);
        }
    }
}
