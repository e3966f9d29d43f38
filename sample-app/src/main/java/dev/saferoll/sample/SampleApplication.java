package dev.saferoll.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop with users, billing and a catalog, migrated by Saferoll. Runs on an embedded PostgreSQL unless
 * {@code spring.datasource.url} (or {@code SPRING_DATASOURCE_URL}) points at a real one.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
