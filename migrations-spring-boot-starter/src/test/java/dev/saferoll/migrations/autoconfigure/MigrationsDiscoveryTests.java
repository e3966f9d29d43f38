package dev.saferoll.migrations.autoconfigure;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.autoconfigure.strays.ABeanMigration;
import dev.saferoll.migrations.autoconfigure.strays.NotABeanMigration;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** Saferoll never does nothing without a word: no DataSource, no migrations, or a migration that is not a bean. */
@ExtendWith(OutputCaptureExtension.class)
class MigrationsDiscoveryTests {

    private static final String STRAYS = "dev.saferoll.migrations.autoconfigure.strays";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class));

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void migrationBeansWithoutADataSourceFailTheStartupSayingWhatToAdd() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
            .withUserConfiguration(OneMigrationConfiguration.class)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(MigrationsDataSourceMissingException.class);
                FailureAnalysis analysis = new MigrationsDataSourceMissingFailureAnalyzer()
                    .analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("found 1 migration(s) (createWidgets)")
                    .contains("no DataSource");
                assertThat(analysis.getAction()).contains("spring.datasource.url", "spring-boot-starter-jdbc",
                        "migrations.enabled=false");
            });
    }

    @Test
    void migrationBeansWithTwoDataSourcesAndNoPrimaryFailNamingThem() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
            .withUserConfiguration(OneMigrationConfiguration.class, TwoDataSourcesConfiguration.class)
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new MigrationsDataSourceMissingFailureAnalyzer()
                    .analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("[first, second]", "none of them primary");
                assertThat(analysis.getAction()).contains("@Primary");
            });
    }

    @Test
    void withoutMigrationsOrADataSourceTheApplicationStarts() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Migrations.class));
    }

    @Test
    void aUserDefinedFacadeNeedsNoDataSourceBean() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
            .withUserConfiguration(OneMigrationConfiguration.class)
            .withBean(Migrations.class, () -> Migrations.builder().dataSource(this.database.dataSource()).build())
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Migrations.class));
    }

    @Test
    void withoutMigrationsOneInfoLineSaysWhereSaferollLookedAndNothingRuns(CapturedOutput output) {
        this.contextRunner.withPropertyValues("spring.datasource.url=" + this.database.url())
            .withInitializer((context) -> AutoConfigurationPackages
                .register((BeanDefinitionRegistry) context.getBeanFactory(), "com.example.empty"))
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(Migrations.class);
                assertThat(this.database.tableExists("schema_migrations")).isFalse();
            });
        assertThat(output.getOut().lines().filter((line) -> line.contains("MigrationsDiscovery")))
            .singleElement()
            .asString()
            .contains("INFO", "No migrations found, so none ran", "Migration beans",
                    "classes implementing Migration in com.example.empty", "make:migration");
        assertThat(output.getOut()).doesNotContain("up to date");
    }

    @Test
    void aMigrationClassThatIsNotABeanIsNamedInAWarning(CapturedOutput output) {
        this.contextRunner.withPropertyValues("spring.datasource.url=" + this.database.url())
            .withInitializer((context) -> AutoConfigurationPackages
                .register((BeanDefinitionRegistry) context.getBeanFactory(), STRAYS))
            .withBean(ABeanMigration.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(this.database.tableExists("registered")).isTrue();
                assertThat(this.database.tableExists("forgotten")).isFalse();
            });
        assertThat(output.getOut().lines().filter((line) -> line.contains("MigrationsDiscovery")))
            .singleElement()
            .asString()
            .contains("WARN", STRAYS + ".NotABeanMigration implements Migration but is not a bean", "@Component")
            .doesNotContain(STRAYS + ".ABeanMigration");
    }

    @Test
    void aMigrationThatAUserDefinedFacadeHoldsIsNoStray(CapturedOutput output) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrationsAutoConfiguration.class))
            .withInitializer((context) -> AutoConfigurationPackages
                .register((BeanDefinitionRegistry) context.getBeanFactory(), STRAYS))
            .withBean(Migrations.class, () -> Migrations.builder()
                .dataSource(this.database.dataSource())
                .migrations(new ABeanMigration(), new NotABeanMigration())
                .build())
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("MigrationsDiscovery");
    }

    @Configuration(proxyBeanMethods = false)
    static class OneMigrationConfiguration {

        @Bean
        Migration createWidgets() {
            return TestMigration.createTable("2024_01_01_100000", "widgets");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSourcesConfiguration {

        @Bean
        DataSource first() {
            return new SimpleDriverDataSource();
        }

        @Bean
        DataSource second() {
            return new SimpleDriverDataSource();
        }
    }
}
