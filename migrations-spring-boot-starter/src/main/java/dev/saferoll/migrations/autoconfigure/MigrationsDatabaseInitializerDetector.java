package dev.saferoll.migrations.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

import dev.saferoll.migrations.Migrations;

/**
 * A {@link DatabaseInitializerDetector} for Saferoll, so that beans which depend on database initialization
 * ({@code EntityManagerFactory}, {@code JdbcTemplate}, {@code JdbcClient} and others) wait for the migrations.
 */
class MigrationsDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(MigrationsInitializer.class, Migrations.class);
    }

    @Override
    public int getOrder() {
        return 1;
    }
}
