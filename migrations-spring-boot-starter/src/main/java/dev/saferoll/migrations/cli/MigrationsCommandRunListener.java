package dev.saferoll.migrations.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spots a {@code db:*} or {@code make:*} command in the arguments before the context is built, and starts the
 * application for it alone: no web server, no migration at startup (the command decides what runs), no Hibernate
 * schema changes. Quiet logging and no banner are defaults the application's configuration can override.
 */
public class MigrationsCommandRunListener implements SpringApplicationRunListener, Ordered {

    /** The name of the property source that switches the application into command mode. */
    public static final String PROPERTY_SOURCE_NAME = "saferollCommand";

    private final boolean command;

    public MigrationsCommandRunListener(SpringApplication application, String[] args) {
        this.command = CommandLineParser.isCommand(List.of(args));
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
    public int getOrder() {
        // Before Boot's EventPublishingRunListener (order 0), so logging and config data see these properties.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
