package dev.saferoll.migrations.autoconfigure.jpa;

import jakarta.annotation.PostConstruct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration creates the table that Hibernate validates: the context starts only if the EntityManagerFactory and
 * JdbcClient wait for the migrations.
 */
@SpringBootTest(classes = MigrationsJpaIntegrationTests.JpaApplication.class,
        properties = { "spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false" })
class MigrationsJpaIntegrationTests {

    private static final TestDatabase database = TestPostgres.createDatabase();

    @Autowired
    private WidgetRepository repository;

    @Autowired
    private WidgetCountAtStartup countAtStartup;

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void entityManagerFactoryStartsAfterTheMigrationCreatedItsTable() {
        this.repository.save(new Widget(1L, "sprocket"));
        assertThat(this.repository.findById(1L)).get().extracting(Widget::getName).isEqualTo("sprocket");
    }

    @Test
    void jdbcClientSeesTheTableInPostConstruct() {
        assertThat(this.countAtStartup.count).isZero();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class JpaApplication {

        @Bean
        Migration createWidgets() {
            return TestMigration.createTable("2024_05_01_090000", "widgets");
        }

        @Bean
        WidgetCountAtStartup widgetCountAtStartup(JdbcClient jdbcClient) {
            return new WidgetCountAtStartup(jdbcClient);
        }
    }

    static class WidgetCountAtStartup {

        private final JdbcClient jdbcClient;

        long count = -1;

        WidgetCountAtStartup(JdbcClient jdbcClient) {
            this.jdbcClient = jdbcClient;
        }

        @PostConstruct
        void countWidgets() {
            this.count = this.jdbcClient.sql("SELECT count(*) FROM widgets").query(Long.class).single();
        }
    }
}
