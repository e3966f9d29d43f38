package dev.saferoll.migrations.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.RollbackSteps;

/**
 * Parses the {@code db:*} and {@code make:*} command lines. Options of the form {@code --name.with.dots=value} that
 * the command does not know are left to Spring Boot (they are properties such as {@code --server.port=0}); any other
 * unknown option is a usage error, so a typo such as {@code --forse} never runs a destructive command unconfirmed and
 * {@code db:migrate --stpe=1} never applies everything.
 */
public final class CommandLineParser {

    private static final Set<String> SPRING_FLAGS = Set.of("debug", "trace");

    private static final Pattern UPPER_CAMEL_CASE = Pattern.compile("[A-Z][A-Za-z0-9]*");

    private static final int MAX_NAME_LENGTH = 100;

    private static final String TENANT = "tenant";

    private static final String ALL_TENANTS = "all-tenants";

    /** The commands that work on one tenant when migrations run per tenant. */
    private static final Set<String> TENANT_COMMANDS = Set.of("db:migrate", "db:status", "db:rollback", "db:reset",
            "db:accept", "db:baseline");

    private CommandLineParser() {
    }

    /**
     * Whether the arguments ask for a command: their first non-option argument starts with {@code db:} or
     * {@code make:}.
     */
    public static boolean isCommand(List<String> args) {
        String name = commandName(args);
        return name != null && (name.startsWith("db:") || name.startsWith("make:"));
    }

    /** The first non-option argument, if any. */
    static @Nullable String commandName(List<String> args) {
        return args.stream().filter((arg) -> !arg.startsWith("--")).findFirst().orElse(null);
    }

    /**
     * Parses a command line such as {@code db:rollback 2 --force}.
     * @throws CommandUsageException naming the bad value when the command line is wrong
     */
    public static Command parse(List<String> args) {
        List<String> positional = new ArrayList<>();
        Map<String, @Nullable String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                if (equals < 0) {
                    options.put(arg.substring(2), null);
                }
                else {
                    options.put(arg.substring(2, equals), arg.substring(equals + 1));
                }
            }
            else {
                positional.add(arg);
            }
        }
        if (positional.isEmpty()) {
            throw new CommandUsageException("No command given");
        }
        String name = positional.get(0);
        boolean allTenants = options.containsKey(ALL_TENANTS);
        String tenant = tenant(name, options);
        options.remove(TENANT);
        options.remove(ALL_TENANTS);
        Command command = parse(name, positional.subList(1, positional.size()), options);
        if (allTenants) {
            if (!(command instanceof Command.Status) && !(command instanceof Command.Migrate)) {
                throw new CommandUsageException("--" + ALL_TENANTS + " works with db:status and db:migrate; name one "
                        + "tenant for " + name + " with --" + TENANT + "=ID");
            }
            return new Command.ForTenants(command, null);
        }
        if (tenant != null) {
            if (!TENANT_COMMANDS.contains(name)) {
                throw new CommandUsageException(name + " takes no --" + TENANT);
            }
            return new Command.ForTenants(command, tenant);
        }
        return command;
    }

    /** The value of {@code --tenant}, checked; {@code null} when not given. */
    private static @Nullable String tenant(String command, Map<String, @Nullable String> options) {
        if (options.containsKey(ALL_TENANTS) && options.get(ALL_TENANTS) != null) {
            throw new CommandUsageException("Option '--" + ALL_TENANTS + "' of " + command + " takes no value; write "
                    + "just --" + ALL_TENANTS);
        }
        if (!options.containsKey(TENANT)) {
            return null;
        }
        String tenant = options.get(TENANT);
        if (tenant == null || tenant.isBlank()) {
            throw new CommandUsageException("Option '--" + TENANT + "' of " + command + " needs the tenant's id, for "
                    + "example --" + TENANT + "=acme");
        }
        if (options.containsKey(ALL_TENANTS)) {
            throw new CommandUsageException(command + " takes --" + TENANT + "=ID or --" + ALL_TENANTS + ", not both");
        }
        return tenant;
    }

    private static Command parse(String name, List<String> arguments, Map<String, @Nullable String> options) {
        switch (name) {
            case "db:migrate": {
                Options parsed = new Options(name, options, Set.of("dry-run"), Set.of("target", "step", "steps"));
                noArguments(name, arguments);
                String target = parsed.value("target");
                String step = (parsed.value("step") != null) ? parsed.value("step") : parsed.value("steps");
                if (target != null && step != null) {
                    throw new CommandUsageException("db:migrate takes --target=VERSION or --step=N, not both");
                }
                return new Command.Migrate(parsed.flag("dry-run"), (target != null) ? version(name, target) : null,
                        (step != null) ? steps(name, step) : null);
            }
            case "db:status":
                new Options(name, options, Set.of(), Set.of());
                noArguments(name, arguments);
                return new Command.Status();
            case "db:rollback": {
                Options parsed = new Options(name, options, Set.of("dry-run", "force", "allow-data-loss"),
                        Set.of("step", "steps"));
                atMost(name, arguments, 1, "[steps]");
                String step = (parsed.value("step") != null) ? parsed.value("step") : parsed.value("steps");
                if (step != null && !arguments.isEmpty()) {
                    throw new CommandUsageException("db:rollback got the steps twice ('" + arguments.get(0)
                            + "' and '--step=" + step + "'); give them once, for example db:rollback 2");
                }
                String steps = (step != null) ? step : (arguments.isEmpty() ? "1" : arguments.get(0));
                return new Command.Rollback(steps(name, steps), parsed.flag("force"), parsed.flag("dry-run"),
                        parsed.flag("allow-data-loss"));
            }
            case "db:fresh": {
                Options parsed = new Options(name, options, Set.of("force"), Set.of());
                noArguments(name, arguments);
                return new Command.Fresh(parsed.flag("force"));
            }
            case "db:reset":
                new Options(name, options, Set.of(), Set.of());
                return new Command.Reset(version(name, exactlyOne(name, arguments, "VERSION")));
            case "db:accept":
                new Options(name, options, Set.of(), Set.of());
                return new Command.Accept(version(name, exactlyOne(name, arguments, "VERSION")));
            case "db:baseline":
                new Options(name, options, Set.of(), Set.of());
                return new Command.Baseline(version(name, exactlyOne(name, arguments, "VERSION")));
            case "make:migration": {
                Options parsed = new Options(name, options, Set.of("reversible", "sql"), Set.of());
                if (arguments.isEmpty()) {
                    throw new CommandUsageException(
                            "make:migration needs a class name, for example make:migration CreateInvoicesTable Billing");
                }
                atMost(name, arguments, 2, "Name [Domain]");
                String className = upperCamelCase("migration name", arguments.get(0));
                String domain = (arguments.size() > 1) ? upperCamelCase("domain", arguments.get(1)) : null;
                return new Command.MakeMigration(className, domain, parsed.flag("reversible"), parsed.flag("sql"));
            }
            case "db:help":
                return new Command.Help();
            default:
                throw new CommandUsageException("Unknown command '" + printable(name) + "'");
        }
    }

    /** The usage text {@code db:help} prints, with {@code launcher} (such as {@code java -jar app.jar}) in front. */
    public static String usage(String launcher) {
        return String.join("\n",
                "Usage: " + launcher + " COMMAND [ARGUMENTS] [OPTIONS]",
                "",
                "Commands:",
                "  db:migrate [--dry-run] [--target=VERSION|--step=N]    Apply pending migrations (all, up to VERSION,",
                "                                                        or the next N)",
                "  db:status                                             Show every migration and its state",
                "  db:rollback [steps] [--dry-run] [--force]             Roll back the last steps (default 1); only",
                "              [--allow-data-loss]                       SafelyReversible migrations. --force skips",
                "                                                        the confirmation; --allow-data-loss passes",
                "                                                        the data-loss guard",
                "  db:fresh [--force]                                    Drop everything and migrate from scratch",
                "                                                        (needs migrations.fresh.enabled=true)",
                "  db:reset VERSION                                      Clear a FAILED record after a manual fix",
                "  db:accept VERSION                                     Accept the edited text of an applied migration",
                "                                                        (CHANGED) after a review",
                "  db:baseline VERSION                                   Record migrations up to VERSION as applied",
                "                                                        without running them",
                "  make:migration Name [Domain] [--reversible] [--sql]   Write a new migration class (or SQL file)",
                "  db:help                                               Show this help",
                "",
                "With tenants (migrations.tenants.*), name one with --tenant=ID (db:migrate, db:status, db:rollback,",
                "db:reset, db:accept, db:baseline), or all with --all-tenants (db:migrate, db:status).",
                "",
                "VERSION has the form " + MigrationVersion.FORMAT + ", for example 2024_12_20_100000.",
                "Exit codes: 0 ok, 1 failed, 2 usage error, 3 refused.",
                "Other --name=value arguments whose name has a dot are Spring Boot properties, for example",
                "--spring.profiles.active=prod; any other unknown option is an error.");
    }

    private static MigrationVersion version(String command, String text) {
        try {
            return MigrationVersion.fromTimestamp(text);
        }
        catch (RuntimeException ex) {
            throw new CommandUsageException(command + ": " + ex.getMessage());
        }
    }

    private static int steps(String command, String text) {
        try {
            return RollbackSteps.parse(text);
        }
        catch (MigrationException ex) {
            throw new CommandUsageException(ex.getDescription() + " for " + command + ": expected a whole number of 1 "
                    + "or more, for example " + command + " --step=2");
        }
    }

    private static String upperCamelCase(String what, String text) {
        if (text.length() > MAX_NAME_LENGTH || !UPPER_CAMEL_CASE.matcher(text).matches()) {
            throw new CommandUsageException("Invalid " + what + " '" + printable(text)
                    + "': expected a Java identifier in UpperCamelCase (letters and digits, starting with a capital"
                    + " letter), for example CreateInvoicesTable or Billing");
        }
        return text;
    }

    private static void noArguments(String command, List<String> arguments) {
        if (!arguments.isEmpty()) {
            throw new CommandUsageException(command + " takes no arguments but got '" + printable(arguments.get(0))
                    + "'");
        }
    }

    private static void atMost(String command, List<String> arguments, int max, String expected) {
        if (arguments.size() > max) {
            throw new CommandUsageException(command + " takes " + expected + " but got an extra argument '"
                    + printable(arguments.get(max)) + "'");
        }
    }

    private static String exactlyOne(String command, List<String> arguments, String expected) {
        if (arguments.isEmpty()) {
            throw new CommandUsageException(command + " needs " + expected + ", for example " + command
                    + " 2024_12_20_100000");
        }
        atMost(command, arguments, 1, expected);
        return arguments.get(0);
    }

    static String printable(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return (printable.length() <= 60) ? printable : printable.substring(0, 60) + "...";
    }

    private static final class Options {

        private final Map<String, @Nullable String> options;

        Options(String command, Map<String, @Nullable String> options, Set<String> flags, Set<String> valued) {
            this.options = options;
            options.forEach((name, value) -> {
                if (value != null && !flags.contains(name) && !valued.contains(name) && !name.contains(".")) {
                    throw new CommandUsageException("Unknown option '--" + printable(name) + "' for " + command
                            + "; " + known(flags, valued) + " (a Spring Boot property has a dot, such as "
                            + "--spring.profiles.active=prod)");
                }
                if (value == null && valued.contains(name)) {
                    throw new CommandUsageException("Option '--" + name + "' of " + command
                            + " needs a value, for example --" + name + "=...");
                }
                if (value == null && !flags.contains(name) && !SPRING_FLAGS.contains(name)) {
                    throw new CommandUsageException("Unknown option '--" + printable(name) + "' for " + command
                            + "; " + known(flags, valued));
                }
                if (value != null && flags.contains(name)) {
                    throw new CommandUsageException("Option '--" + name + "' of " + command
                            + " takes no value but got '" + printable(value) + "'; write just --" + name);
                }
            });
            this.options.keySet().retainAll(union(flags, valued));
        }

        private static String known(Set<String> flags, Set<String> valued) {
            List<String> all = new ArrayList<>();
            flags.stream().sorted().forEach((flag) -> all.add("--" + flag));
            valued.stream().sorted().forEach((option) -> all.add("--" + option + "=..."));
            return all.isEmpty() ? "it takes no options" : "it takes " + String.join(", ", all);
        }

        boolean flag(String name) {
            return this.options.containsKey(name);
        }

        @Nullable String value(String name) {
            return this.options.get(name);
        }

        private static Set<String> union(Set<String> first, Set<String> second) {
            java.util.HashSet<String> union = new java.util.HashSet<>(first);
            union.addAll(second);
            return union;
        }
    }
}
