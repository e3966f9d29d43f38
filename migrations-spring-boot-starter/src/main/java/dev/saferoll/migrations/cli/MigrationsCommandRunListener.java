package dev.saferoll.migrations.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplication.AbandonedRunException;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spots a {@code db:*} or {@code make:*} command in the arguments before the context is built, and starts the
 * application for it alone: no web server, no migration at startup (the command decides what runs), no Hibernate
 * schema changes. Quiet logging and no banner are defaults the application's configuration can override.
 * <p>
 * A {@code make:*} command only writes a source file, so it runs here, before the context is refreshed: no bean is
 * created, nothing connects to a database or starts one, and it ends in about a second. It reads
 * {@code migrations.make.*} from the environment and the application's package from its
 * {@code @SpringBootApplication} class; a {@link CommandConsole} or {@link CommandExit} that an initializer registers
 * as a singleton replaces the terminal.
 */
public class MigrationsCommandRunListener implements SpringApplicationRunListener, Ordered {

    /** The name of the property source that switches the application into command mode. */
    public static final String PROPERTY_SOURCE_NAME = "saferollCommand";

    private final SpringApplication application;

    private final List<String> args;

    private final boolean command;

    private final boolean make;

    public MigrationsCommandRunListener(SpringApplication application, String[] args) {
        this.application = application;
        this.args = List.of(args);
        this.command = CommandLineParser.isCommand(this.args);
        String name = CommandLineParser.commandName(this.args);
        this.make = this.command && name != null && name.startsWith("make:");
    }

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
            ConfigurableEnvironment environment) {
        if (!this.command) {
            return;
        }
        Map<String, Object> forced = new HashMap<>();
        forced.put("spring.main.web-application-type", "none");
        forced.put("migrations.run-on-startup", "false");
        forced.put("spring.jpa.hibernate.ddl-auto", "none");
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, forced));
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("spring.main.log-startup-info", "false");
        defaults.put("logging.level.root", "warn");
        DefaultPropertiesPropertySource.addOrMerge(defaults, environment.getPropertySources());
    }

    @Override
    public void contextPrepared(ConfigurableApplicationContext context) {
        if (!this.make) {
            return;
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        CommandConsole console = beanFactory.getBeanProvider(CommandConsole.class)
            .getIfAvailable(CommandConsole::system);
        CommandExit exit = beanFactory.getBeanProvider(CommandExit.class).getIfAvailable(CommandExit::system);
        int code = new MigrationsCommands(() -> null, settings(context.getEnvironment()), console,
                Clock.systemDefaultZone())
            .run(this.args);
        exit.exit(code);
        // Only reached when the exit does not end the process (tests): stop the run without starting anything.
        throw new AbandonedRunException(context);
    }

    private MigrationsCommands.Settings settings(Environment environment) {
        String directory = environment.getProperty("migrations.make.directory", CommandSettings.MAKE_DIRECTORY);
        String basePackage = CommandSettings.makeBasePackage(environment.getProperty("migrations.make.base-package"),
                CommandSettings.applicationPackages(this.application.getAllSources()));
        return new MigrationsCommands.Settings(CommandSettings.launcher(),
                environment.getProperty("migrations.fresh.enabled", Boolean.class, false), Path.of(directory),
                basePackage, Path.of(environment.getProperty("migrations.make.sql-directory",
                        MigrationsCommands.Settings.SQL_DIRECTORY)));
    }

    @Override
    public int getOrder() {
        // Before Boot's EventPublishingRunListener (order 0), so logging and config data see these properties.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
