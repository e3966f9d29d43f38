package dev.saferoll.migrations.autoconfigure;

import dev.saferoll.migrations.MigrationsConfiguration;

/**
 * Changes the auto-configured {@code Migrations} before it is built, after the {@code migrations.*} properties were
 * applied. Every bean of this type is called, in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface MigrationsConfigurationCustomizer {

    void customize(MigrationsConfiguration.Builder builder);
}
