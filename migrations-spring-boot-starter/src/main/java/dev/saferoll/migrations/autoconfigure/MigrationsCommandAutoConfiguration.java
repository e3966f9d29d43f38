package dev.saferoll.migrations.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.cli.CommandConsole;
import dev.saferoll.migrations.cli.CommandExit;
import dev.saferoll.migrations.cli.CommandSettings;
import dev.saferoll.migrations.cli.MigrationsCommandRunListener;
import dev.saferoll.migrations.cli.MigrationsCommandRunner;
import dev.saferoll.migrations.cli.MigrationsCommands;
import dev.saferoll.migrations.tenant.TenantMigrations;

/**
 * Auto-configuration for the {@code db:*} and {@code make:*} commands. The runner does nothing unless the application
 * arguments hold a command; {@link MigrationsCommandRunListener} has then already switched the application into
 * command mode. {@code make:migration} writes into {@code migrations.make.base-package}, by default the application's
 * own package plus {@code .migrations}, so that the new class is found by the application's component scan.
 */
@AutoConfiguration
@ConditionalOnClass(Migrations.class)
@EnableConfigurationProperties(MigrationsProperties.class)
public final class MigrationsCommandAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationsCommandRunner migrationsCommandRunner(ConfigurableApplicationContext context,
            ObjectProvider<Migrations> migrations, ObjectProvider<TenantMigrations> tenants,
            MigrationsProperties properties,
            ObjectProvider<CommandConsole> console, ObjectProvider<CommandExit> exit) {
        List<String> packages = AutoConfigurationPackages.has(context) ? AutoConfigurationPackages.get(context)
                : List.of();
        MigrationsCommands.Settings settings = new MigrationsCommands.Settings(CommandSettings.launcher(),
                properties.getFresh().isEnabled(), Path.of(properties.getMake().getDirectory()),
                CommandSettings.makeBasePackage(properties.getMake().getBasePackage(), packages),
                Path.of(properties.getMake().getSqlDirectory()));
        MigrationsCommands commands = new MigrationsCommands(migrations::getIfAvailable, tenants::getIfAvailable,
                settings,
                console.getIfAvailable(CommandConsole::system), Clock.systemDefaultZone());
        return new MigrationsCommandRunner(context, commands, exit.getIfAvailable(CommandExit::system));
    }
}
