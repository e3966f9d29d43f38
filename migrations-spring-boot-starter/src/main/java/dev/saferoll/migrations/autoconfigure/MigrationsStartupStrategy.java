package dev.saferoll.migrations.autoconfigure;

import dev.saferoll.migrations.Migrations;

/**
 * Replaces what {@link MigrationsInitializer} does at startup. Define a bean of this type to, for example, validate
 * only, migrate up to a target, or run a dry run first.
 */
@FunctionalInterface
public interface MigrationsStartupStrategy {

    /** Runs at startup, before JPA and JDBC beans are created. */
    void migrate(Migrations migrations);
}
