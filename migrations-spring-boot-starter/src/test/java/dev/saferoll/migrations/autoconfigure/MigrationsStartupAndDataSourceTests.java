package dev.saferoll.migrations.autoconfigure;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPgBouncer;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Instances that leave migrating to a Job, migrations with their own credentials, and apps behind PgBouncer. */
class MigrationsStartupAndDataSourceTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                MigrationsAutoConfiguration.class))
        .withUserConfiguration(WidgetsMigrationConfiguration.class);

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
    void anInstanceInWaitModeAppliesNothingAndFailsSayingWhatToRunWhenTheJobDoesNotCome() {
        this.contextRunner
            .withPropertyValues("spring.datasource.url=" + this.database.url(), "migrations.startup.mode=wait",
                    "migrations.startup.wait-timeout=1s")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(this.database.tableExists("widgets")).isFalse();
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("2024_01_01_100000").contains("still not applied");
                assertThat(analysis.getAction()).contains("db:migrate").contains("migrations.startup.wait-timeout");
            });
    }

    @Test
    void anInstanceInWaitModeStartsOnceTheJobHasMigrated() throws Exception {
        ExecutorService job = Executors.newSingleThreadExecutor();
        try {
            job.submit(() -> {
                TimeUnit.MILLISECONDS.sleep(1500);
                return Migrations.builder().dataSource(this.database.dataSource())
                    .migrations(TestMigration.createTable("2024_01_01_100000", "widgets"))
                    .build()
                    .migrate();
            });
            this.contextRunner
                .withPropertyValues("spring.datasource.url=" + this.database.url(), "migrations.startup.mode=wait",
                        "migrations.startup.wait-timeout=30s")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM widgets",
                            Long.class)).isZero();
                });
        }
        finally {
            job.shutdownNow();
        }
    }

    @Test
    void migrationsRunAsTheOwnerRoleWhileTheApplicationsRoleHasNoDdlRightsAndStillServes() throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
        String owner = "saferoll_owner_" + suffix;
        String app = "saferoll_app_" + suffix;
        this.database.execute("CREATE ROLE " + owner + " LOGIN");
        this.database.execute("CREATE ROLE " + app + " LOGIN");
        try {
            this.database.execute("CREATE SCHEMA shop AUTHORIZATION " + owner);
            this.database.execute("GRANT USAGE ON SCHEMA shop TO " + app);
            this.database.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA shop "
                    + "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + app);
            this.contextRunner
                .withPropertyValues("spring.datasource.url=" + urlFor(app) + "&currentSchema=shop",
                        "migrations.datasource.url=" + urlFor(owner) + "&currentSchema=shop")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    jdbc.update("INSERT INTO widgets (id, name) VALUES (1, 'served')");
                    assertThat(jdbc.queryForObject("SELECT name FROM widgets", String.class)).isEqualTo("served");
                    assertThat(jdbc.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'widgets'",
                            String.class)).isEqualTo(owner);
                    assertThatExceptionOfType(BadSqlGrammarException.class)
                        .isThrownBy(() -> jdbc.execute("CREATE TABLE sneaky (id integer)"))
                        .havingRootCause()
                        .withMessageContaining("permission denied");
                    assertThat(context.getBean(Migrations.class).status().pending()).isEmpty();
                });
        }
        finally {
            this.database.execute("DROP SCHEMA IF EXISTS shop CASCADE");
            this.database.execute("DROP OWNED BY " + app + ", " + owner);
            this.database.execute("DROP ROLE " + app);
            this.database.execute("DROP ROLE " + owner);
        }
    }

    @Test
    void aQualifiedMigrationsDataSourceBeanIsUsedForMigrations() {
        this.contextRunner.withUserConfiguration(TwoDataSourcesConfiguration.class)
            .withBean("database", TestDatabase.class, () -> this.database)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Migrations.class).getConfiguration().dataSource())
                    .isSameAs(context.getBean("migrationsDataSource"));
                assertThat(this.database.tableExists("widgets")).isTrue();
            });
    }

    @Test
    void anApplicationBehindPgBouncerServesWhileMigrationsGoToPostgresDirectly() {
        try (TestPgBouncer bouncer = TestPgBouncer.start()) {
            this.contextRunner
                .withPropertyValues("spring.datasource.url=" + bouncer.url(this.database),
                        "migrations.datasource.url=" + this.database.url())
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    for (int i = 0; i < 20; i++) {
                        jdbc.update("INSERT INTO widgets (id, name) VALUES (?, ?)", i, "through the pooler");
                    }
                    assertThat(jdbc.queryForObject("SELECT count(*) FROM widgets", Long.class)).isEqualTo(20);
                });
        }
    }

    @Test
    void migrationsThroughPgBouncerInTransactionModeStopStartupNamingTheDirectConnectionSetting() {
        try (TestPgBouncer bouncer = TestPgBouncer.start()) {
            this.contextRunner.withPropertyValues("spring.datasource.url=" + bouncer.url(this.database))
                .run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("PgBouncer in transaction mode");
                    assertThat(analysis.getAction()).contains("migrations.datasource.url");
                    assertThat(this.database.tableExists("widgets")).isFalse();
                });
        }
    }

    private String urlFor(String user) {
        return this.database.plainUrl() + "?user=" + user;
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new MigrationsFailureAnalyzer(new MockEnvironment()).analyze(failure);
        assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
        return analysis;
    }

    @Configuration(proxyBeanMethods = false)
    static class WidgetsMigrationConfiguration {

        @Bean
        Migration widgets() {
            return TestMigration.createTable("2024_01_01_100000", "widgets");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSourcesConfiguration {

        @Bean
        @Primary
        DataSource applicationDataSource(TestDatabase database) {
            return dataSource(database.url());
        }

        @Bean
        @MigrationsDataSource
        DataSource migrationsDataSource(TestDatabase database) {
            return dataSource(database.url());
        }

        private static DataSource dataSource(String url) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            return dataSource;
        }
    }

}
