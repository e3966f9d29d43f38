package dev.saferoll.migrations.cli;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Runs the {@code db:*} or {@code make:*} command given as application arguments, then closes the context and ends
 * the process with the command's exit code through {@link CommandExit}. Runs before any other runner, so an
 * application's own runners never see a half-migrated database. Does nothing when the arguments hold no command.
 */
public class MigrationsCommandRunner implements ApplicationRunner, ExitCodeGenerator, Ordered {

    private final ConfigurableApplicationContext context;

    private final MigrationsCommands commands;

    private final CommandExit exit;

    private int exitCode;

    public MigrationsCommandRunner(ConfigurableApplicationContext context, MigrationsCommands commands,
            CommandExit exit) {
        this.context = context;
        this.commands = commands;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> arguments = List.of(args.getSourceArgs());
        if (!CommandLineParser.isCommand(arguments)) {
            return;
        }
        this.exitCode = this.commands.run(arguments);
        this.exit.exit(SpringApplication.exit(this.context));
    }

    @Override
    public int getExitCode() {
        return this.exitCode;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
