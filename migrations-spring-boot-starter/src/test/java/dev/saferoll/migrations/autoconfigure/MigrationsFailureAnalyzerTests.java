package dev.saferoll.migrations.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import dev.saferoll.migrations.LockNotAcquiredException;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.UnsupportedDatabaseException;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationsFailureAnalyzerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class));

    private final MigrationsFailureAnalyzer analyzer = new MigrationsFailureAnalyzer(new MockEnvironment());

    @Test
    void failingMigrationAtStartupNamesTheVersionAndTheReset() {
        try (TestDatabase database = TestPostgres.createDatabase()) {
            this.contextRunner.withPropertyValues("spring.datasource.url=" + database.url())
                .withUserConfiguration(FailingMigrationConfiguration.class)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("Migration 2024_03_01_120000 \"Create unused table\" failed")
                        .contains("SQLSTATE 42P01")
                        .contains("ALTER TABLE no_such_table")
                        .doesNotContain("\tat ");
                    assertThat(analysis.getAction()).contains("db:reset 2024_03_01_120000").contains("restart");
                });
        }
    }

    @Test
    void unsupportedDatabaseNamesTheDialectsAndWhereToSwitchMigrationsOff() {
        FailureAnalysis analysis = analyze(new UnsupportedDatabaseException("HSQL Database Engine"));
        assertThat(analysis.getDescription()).contains("does not support the database 'HSQL Database Engine'");
        assertThat(analysis.getAction()).contains("PostgreSQL, H2, MySQL and MariaDB")
            .contains("migrations.enabled=false in application.properties")
            .doesNotContain("db:status");

        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("cloud", "hsqldb");
        FailureAnalysis perProfile = new MigrationsFailureAnalyzer(environment)
            .analyze(new UnsupportedDatabaseException("HSQL Database Engine"));
        assertThat(perProfile.getAction()).contains("The active profiles are cloud, hsqldb")
            .contains("migrations.enabled=false in application-hsqldb.properties");
    }

    @Test
    void validationFailureListsEachProblem() {
        FailureAnalysis analysis = analyze(new MigrationValidationException(
                List.of("2024_01_01_100000 is FAILED: fix it and run db:reset 2024_01_01_100000",
                        "2024_01_02_100000 is MISSING from the code")));
        assertThat(analysis.getDescription()).contains("\n    - 2024_01_01_100000 is FAILED")
            .contains("\n    - 2024_01_02_100000 is MISSING");
        assertThat(analysis.getAction()).contains("Resolve each problem listed");
    }

    @Test
    void lockNotAcquiredNamesTheHolder() {
        FailureAnalysis analysis = analyze(
                new LockNotAcquiredException(Duration.ofSeconds(5), "pid 4242 (application 'billing-1')"));
        assertThat(analysis.getDescription()).contains("pid 4242 (application 'billing-1')");
        assertThat(analysis.getAction()).contains("migrations.lock-wait-timeout");
    }

    @Test
    void connectionFailureSaysWhatToCheck() {
        FailureAnalysis analysis = analyze(new MigrationException(ErrorCode.CONNECTION_FAILED,
                "Could not connect to jdbc:postgresql://db:5432/app after 3 attempts"));
        assertThat(analysis.getDescription()).contains("jdbc:postgresql://db:5432/app");
        assertThat(analysis.getAction()).contains("spring.datasource.url").contains("migrations.connect-retries");
    }

    @Test
    void invalidVersionShowsTheExpectedForm() {
        MigrationException invalid = catchMigrationException(() -> MigrationVersion.fromTimestamp("2024-01-01"));
        FailureAnalysis analysis = analyze(new IllegalStateException("Failed to create bean", invalid));
        assertThat(analysis.getDescription()).contains("2024-01-01");
        assertThat(analysis.getAction()).contains(MigrationVersion.FORMAT);
    }

    @Test
    void ignoresOtherFailures() {
        assertThat(this.analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
    }

    private FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = this.analyzer.analyze(failure);
        assertThat(analysis).isNotNull();
        return analysis;
    }

    private static MigrationException catchMigrationException(Runnable action) {
        return assertThatExceptionOfType(MigrationException.class).isThrownBy(action::run).actual();
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingMigrationConfiguration {

        @Bean
        Migration createWidgets() {
            return TestMigration.createTable("2024_03_01_110000", "widgets");
        }

        @Bean
        Migration brokenMigration() {
            return TestMigration.failing("2024_03_01_120000");
        }
    }
}
