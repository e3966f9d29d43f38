package dev.saferoll.migrations.deployment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.autoconfigure.TestMigration;

/**
 * One application in two releases, run as separate processes by {@link RollingUpdateTests}: release 2
 * ({@code --release=2}) adds a migration.
 */
@SpringBootApplication
public class ReleaseApplication {

    static final String FIRST = "2024_01_01_100000";

    static final String SECOND = "2024_02_01_100000";

    public static void main(String[] args) {
        SpringApplication.run(ReleaseApplication.class, args);
    }

    @Bean
    Migration createOrders() {
        return TestMigration.createTable(FIRST, "orders");
    }

    @Bean
    @ConditionalOnProperty(name = "release", havingValue = "2")
    Migration createInvoices() {
        return TestMigration.createTable(SECOND, "invoices");
    }
}
