package dev.saferoll.migrations.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.cli.CommandConsole;
import dev.saferoll.migrations.cli.CommandExit;
import dev.saferoll.migrations.cli.MigrationsCommandRunListener;
import dev.saferoll.migrations.cli.MigrationsCommandRunner;
import dev.saferoll.migrations.cli.MigrationsCommands;

/**
 * Auto-configuration for the {@code db:*} and {@code make:*} commands. The runner does nothing unless the application
 * arguments hold a command; {@link MigrationsCommandRunListener} has then already switched the application into
 * command mode.
 */
@AutoConfiguration
@ConditionalOnClass(Migrations.class)
@EnableConfigurationProperties(MigrationsProperties.class)
public final class MigrationsCommandAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationsCommandRunner migrationsCommandRunner(ConfigurableApplicationContext context,
            ObjectProvider<Migrations> migrations, MigrationsProperties properties,
            ObjectProvider<CommandConsole> console, ObjectProvider<CommandExit> exit) {
        MigrationsCommands.Settings settings = new MigrationsCommands.Settings(launcher(),
                properties.getFresh().isEnabled(), Path.of(properties.getMake().getDirectory()),
                properties.getMake().getBasePackage());
        MigrationsCommands commands = new MigrationsCommands(migrations::getIfAvailable, settings,
                console.getIfAvailable(CommandConsole::system), Clock.systemDefaultZone());
        return new MigrationsCommandRunner(context, commands, exit.getIfAvailable(CommandExit::system));
    }

    private static String launcher() {
        try {
            java.io.File source = new ApplicationHome().getSource();
            if (source != null && source.isFile() && source.getName().endsWith(".jar")) {
                return "java -jar " + source.getName();
            }
        }
        catch (RuntimeException ex) {
            // Fall back to the generic form below.
        }
        return "java -jar app.jar";
    }
}
