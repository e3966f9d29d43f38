package dev.saferoll.migrations.tenant;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.autoconfigure.MigrationsAutoConfiguration;
import dev.saferoll.migrations.autoconfigure.MigrationsHealthContributorAutoConfiguration;
import dev.saferoll.migrations.autoconfigure.MigrationsMetricsAutoConfiguration;
import dev.saferoll.migrations.autoconfigure.MigrationsTenantsAutoConfiguration;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.health.MigrationTenantsHealthIndicator;
import dev.saferoll.migrations.health.MigrationsHealthIndicator;
import dev.saferoll.migrations.metrics.MigrationTenantsMetrics;
import dev.saferoll.migrations.status.TenantStatusService;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** The tenant wiring, on a real PostgreSQL: which beans exist, what startup does, health, metrics and the budget. */
class MigrationsTenantsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class,
                MigrationsTenantsAutoConfiguration.class, MigrationsHealthContributorAutoConfiguration.class,
                MigrationsMetricsAutoConfiguration.class))
        .withUserConfiguration(TwoMigrations.class);

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
    void withoutTenantsNothingChanges() {
        withDatabase().run((context) -> {
            assertThat(context).doesNotHaveBean(TenantMigrations.class).doesNotHaveBean(TenantStatusService.class);
            assertThat(context.getBean("migrationsHealthIndicator")).isInstanceOf(MigrationsHealthIndicator.class);
            assertThat(this.database.tableExists("widgets")).isTrue();
        });
    }

    @Test
    void listedSchemasAreMigratedAtStartupInsteadOfTheDefaultSchema() {
        withDatabase().withPropertyValues("migrations.tenants.schemas=acme,globex").run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(TenantMigrations.class);
            assertThat(count("SELECT count(*) FROM acme.gadgets")).isZero();
            assertThat(count("SELECT count(*) FROM globex.schema_migrations")).isEqualTo(2);
            assertThat(this.database.tableExists("widgets")).as("the default schema is not migrated").isFalse();
            HealthIndicator health = context.getBean("migrationsHealthIndicator", HealthIndicator.class);
            assertThat(health).isInstanceOf(MigrationTenantsHealthIndicator.class);
            Health answer = health.health(true);
            assertThat(answer.getStatus()).isEqualTo(Status.UP);
            assertThat(answer.getDetails()).containsEntry("tenants", 2);
            MeterRegistry registry = bound(context.getBean(MigrationTenantsMetrics.class));
            assertThat(registry.get("migrations.tenants").tag("state", "up_to_date").gauge().value()).isEqualTo(2);
            assertThat(registry.get("migrations.tenants").gauges()).hasSize(TenantState.values().length);
            assertThat(registry.find("migrations.tenants").tagKeys("tenant").gauges()).isEmpty();
        });
    }

    @Test
    void aFailedTenantLeavesTheOthersMigratedAndTurnsHealthDown() {
        this.database.execute("CREATE SCHEMA broken");
        this.database.execute("CREATE TABLE broken.gadgets (id int)");
        withDatabase().withPropertyValues("migrations.tenants.schemas=acme,broken,globex").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(count("SELECT count(*) FROM globex.schema_migrations")).isEqualTo(2);
            Health health = context.getBean("migrationsHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("failed")).asString().contains("broken=2024_01_02_100000 is FAILED");
            assertThat(bound(context.getBean(MigrationTenantsMetrics.class)).get("migrations.tenants")
                .tag("state", "failed")
                .gauge()
                .value()).isEqualTo(1);
        });
    }

    @Test
    void stopAtFirstFailureFailsTheStartupNamingTheTenant() {
        this.database.execute("CREATE SCHEMA broken");
        this.database.execute("CREATE TABLE broken.gadgets (id int)");
        withDatabase()
            .withPropertyValues("migrations.tenants.schemas=broken,acme", "migrations.tenants.parallelism=1",
                    "migrations.tenants.stop-at-first-failure=true")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure())
                    .hasMessageContaining("Tenant broken failed, so the tenants not started yet were skipped")
                    .hasMessageContaining("1 skipped");
                assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = 'acme'")).isZero();
            });
    }

    @Test
    void aMigrationTenantsBeanReplacesThePropertyAndSeesTenantsAddedLater() {
        List<Tenant> tenants = new CopyOnWriteArrayList<>(List.of(Tenant.ofSchema("acme")));
        withDatabase().withPropertyValues("migrations.tenants.schemas=ignored")
            .withBean(MigrationTenants.class, () -> () -> tenants)
            .run((context) -> {
                assertThat(count("SELECT count(*) FROM acme.schema_migrations")).isEqualTo(2);
                assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = 'ignored'")).isZero();
                TenantMigrations migrations = context.getBean(TenantMigrations.class);
                Tenant signedUp = Tenant.ofSchema("initech");
                migrations.migrate(signedUp);
                tenants.add(signedUp);
                assertThat(migrations.status().counts()).containsEntry(TenantState.UP_TO_DATE, 2);
            });
    }

    @Test
    void theFanOutStaysWithinThePool() {
        withDatabase()
            .withPropertyValues("migrations.tenants.schemas=acme", "migrations.tenants.parallelism=8",
                    "spring.datasource.hikari.maximum-pool-size=5")
            .run((context) -> assertThat(context.getBean(TenantMigrations.class).parallelism()).isEqualTo(2));
    }

    @Test
    void anInvalidSchemaNameFailsTheStartupNamingIt() {
        withDatabase().withPropertyValues("migrations.tenants.schemas=acme,bad-name").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("'bad-name'");
        });
    }

    private static MeterRegistry bound(MigrationTenantsMetrics metrics) {
        MeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        return registry;
    }

    private long count(String sql) {
        return this.database.queryForLong(sql);
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoMigrations {

        @Bean
        Migration widgets() {
            return TestMigration.createTable("2024_01_01_100000", "widgets");
        }

        @Bean
        Migration gadgets() {
            return TestMigration.createTable("2024_01_02_100000", "gadgets");
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
