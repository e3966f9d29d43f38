package dev.saferoll.migrations.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.WebApplicationContext;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static dev.saferoll.migrations.cli.CommandTestMigrations.NEWEST;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs whole applications with command arguments, as {@code java -jar app.jar db:status} would. */
class MigrationsCommandApplicationTests {

    @TempDir
    Path directory;

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
    void aCommandRunsInsteadOfTheStartupMigrationAndWithoutAWebServer() {
        Run run = run("db:status");
        assertThat(run.exitCode()).isZero();
        assertThat(run.context()).isNotInstanceOf(WebApplicationContext.class);
        assertThat(run.context().isActive()).isFalse();
        assertThat(run.context().getEnvironment().getProperty("migrations.run-on-startup")).isEqualTo("false");
        assertThat(run.output()).contains(NEWEST, "PENDING", "pending: 3");
        assertThat(this.database.tableExists("widgets")).isFalse();
    }

    @Test
    void withoutACommandTheApplicationStartsAndMigratesAsUsual() {
        Run run = run("--spring.main.web-application-type=none");
        try {
            assertThat(run.exitCode()).isEqualTo(-1);
            assertThat(run.context().isActive()).isTrue();
            assertThat(run.context().getBean(Migrations.class).status().count(MigrationState.APPLIED)).isEqualTo(3);
            assertThat(run.output()).isEmpty();
        }
        finally {
            run.context().close();
        }
    }

    @Test
    void migrateThenRollbackOfTheForwardOnlyNewestIsRefusedWithExitCodeThree() {
        assertThat(run("db:migrate").exitCode()).isZero();
        Run rollback = run("db:rollback", "1", "--force");
        assertThat(rollback.exitCode()).isEqualTo(3);
        assertThat(rollback.output()).contains("does not support safe rollback", "make:migration FixYourChanges");
    }

    @Test
    void aBadArgumentExitsWithTwoAndTheUsage() {
        Run run = run("db:rollback", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("Invalid steps '-1'", "Usage:");
    }

    @Test
    void freshIsRefusedUnlessEnabledByProperty() {
        assertThat(run("db:fresh", "--force").exitCode()).isEqualTo(3);
        Run enabled = run("db:fresh", "--force", "--migrations.fresh.enabled=true");
        assertThat(enabled.exitCode()).isZero();
        assertThat(enabled.output()).contains("applied 3 migrations");
    }

    @Test
    void makeMigrationWritesIntoTheApplicationsPackageWithoutADatabase() {
        Run run = runWithoutDatabase("make:migration", "CreateInvoicesTable", "Billing",
                "--migrations.make.directory=" + this.directory);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("dev.saferoll.migrations.cli.migrations.billing.CreateInvoicesTable");
        assertThat(this.directory.resolve("dev/saferoll/migrations/cli/migrations/billing/CreateInvoicesTable.java"))
            .exists()
            .content()
            .startsWith("package dev.saferoll.migrations.cli.migrations.billing;");
        assertThat(run.context()).as("no context was refreshed").isNull();
        assertThat(run.createdBeans()).isEmpty();
    }

    @Test
    void dbCommandsStillNeedTheDatabase() {
        // H2 is on this module's test classpath (for the dialect tests): keep Boot from making it the database.
        Run run = runWithoutDatabase("db:status", "--spring.datasource.embedded-database-connection=none");
        assertThat(run.exitCode()).as("the command never ran").isEqualTo(-1);
        assertThat(run.context()).as("the application failed to start").isNull();
    }

    @Test
    void makeMigrationWritesWhereThePropertiesSay() {
        Run run = run("make:migration", "CreateInvoicesTable", "Billing", "--reversible",
                "--migrations.make.directory=" + this.directory, "--migrations.make.base-package=com.example.shop");
        assertThat(run.exitCode()).isZero();
        assertThat(this.directory.resolve("com/example/shop/billing/CreateInvoicesTable.java")).exists()
            .content()
            .contains("implements Migration, SafelyReversible");
    }

    private Run run(String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.add("--spring.datasource.url=" + this.database.url());
        return runWithoutDatabase(arguments.toArray(String[]::new));
    }

    /** Runs with no spring.datasource.url: a DataSource bean can be defined but not created. */
    private Run runWithoutDatabase(String... args) {
        RecordingConsole console = RecordingConsole.noTerminal();
        AtomicInteger exitCode = new AtomicInteger(-1);
        List<String> created = new CopyOnWriteArrayList<>();
        SpringApplication application = new SpringApplication(CommandTestApplication.class);
        application.addInitializers((context) -> {
            context.getBeanFactory().registerSingleton("testCommandConsole", console);
            context.getBeanFactory().registerSingleton("testCommandExit", (CommandExit) exitCode::set);
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    created.add(beanName);
                    return bean;
                }
            });
        });
        ConfigurableApplicationContext context;
        try {
            context = application.run(args);
        }
        catch (RuntimeException ex) {
            return new Run(exitCode.get(), console.output(), null, created);
        }
        return new Run(exitCode.get(), console.output(), context, created);
    }

    record Run(int exitCode, String output, @Nullable ConfigurableApplicationContext context,
            List<String> createdBeans) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CommandTestApplication {

        @Bean
        static Migration createWidgetsTable() {
            return new CommandTestMigrations.CreateWidgetsTable();
        }

        @Bean
        static Migration addColourToWidgets() {
            return new CommandTestMigrations.AddColourToWidgets();
        }

        @Bean
        static Migration removeLegacyCodeColumn() {
            return new CommandTestMigrations.RemoveLegacyCodeColumn();
        }
    }
}
