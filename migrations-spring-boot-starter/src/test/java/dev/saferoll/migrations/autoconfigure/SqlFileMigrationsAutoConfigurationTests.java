package dev.saferoll.migrations.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

class SqlFileMigrationsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class));

    private TestDatabase database;

    @TempDir
    Path directory;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void appliesSqlFilesFromTheClasspathAndJavaBeansInOneOrder() {
        this.contextRunner
            .withPropertyValues("spring.datasource.url=" + this.database.url(),
                    "migrations.locations=classpath:db/sql-files-test")
            .withUserConfiguration(JavaMigrationConfiguration.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(this.database.columns("products")).containsExactly("id", "name", "sku", "price");
                MigrationStatus status = context.getBean(Migrations.class).status();
                assertThat(status.entries()).extracting((entry) -> entry.version().value() + " " + entry.domain()
                        + " " + entry.state() + " " + entry.reversible())
                    .containsExactly("2024_01_01_100000 catalog APPLIED true", "2024_01_02_100000 Test APPLIED false",
                            "2024_01_03_100000 default APPLIED false");
                assertThat(context.getBean(Migrations.class).getMigrations().get(0))
                    .isInstanceOf(SafelyReversible.class)
                    .hasToString("classpath:db/sql-files-test/catalog/2024_01_01_100000_create_products.sql");
            });
    }

    @Test
    void readsFileLocationsAndSeveralLocations() throws Exception {
        Files.createDirectories(this.directory.resolve("billing"));
        Files.writeString(this.directory.resolve("billing/2024_02_01_100000_create_invoices.sql"),
                "CREATE TABLE invoices (id bigint);");
        this.contextRunner
            .withPropertyValues("spring.datasource.url=" + this.database.url(),
                    "migrations.locations=classpath:db/sql-files-test,file:" + this.directory)
            .withUserConfiguration(JavaMigrationConfiguration.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(this.database.tableExists("invoices")).isTrue();
                assertThat(context.getBean(Migrations.class).status()
                    .find(MigrationVersion.fromTimestamp("2024_02_01_100000")).orElseThrow().domain())
                    .isEqualTo("billing");
            });
    }

    @Test
    void aMissingLocationHoldsNoFiles() {
        this.contextRunner
            .withPropertyValues("spring.datasource.url=" + this.database.url(),
                    "migrations.locations=classpath:db/nothing-here")
            .withUserConfiguration(JavaMigrationConfiguration.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Migrations.class).status().count(MigrationState.APPLIED)).isEqualTo(1);
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class JavaMigrationConfiguration {

        @Bean
        Migration addSku() {
            return TestMigration.forwardOnly("2024_01_02_100000", "Add sku",
                    (connection) -> connection.execute("CREATE TABLE IF NOT EXISTS products (id bigint); "
                            + "ALTER TABLE products ADD COLUMN sku varchar(20)"));
        }
    }
}
