package dev.saferoll.migrations.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationVersion;

/**
 * Writes the Java source of a new migration, after the seed's templates: forward-only by default, or
 * {@code SafelyReversible} with a {@code down()} and a comment that must say why the rollback is safe. A name such as
 * {@code CreateInvoicesTable} gets a table creation to start from.
 */
final class MigrationClassWriter {

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
            "_");

    private static final Set<String> RESERVED_CLASS_NAMES = Set.of("Migration", "SafelyReversible",
            "MigrationConnection", "MigrationVersion", "Schema", "TableName", "Component", "Override", "String",
            "Object");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private static final Pattern CREATE_TABLE = Pattern.compile("Create([A-Z][A-Za-z0-9]*)Table");

    private static final Pattern CHANGE_TABLE = Pattern.compile("(?:Add|Drop|Remove|Rename|Change)[A-Za-z0-9]*"
            + "(?:To|From|In|On)([A-Z][A-Za-z0-9]*)Table");

    private MigrationClassWriter() {
    }

    /** A migration class written to disk. */
    record Written(Path file, String packageName, String className, MigrationVersion version) {
    }

    /**
     * Writes the class under {@code directory}, in {@code basePackage} plus the domain in lower case.
     * @throws CommandUsageException if the base package or the domain do not make a Java package
     * @throws FileAlreadyExistsException if the file, or a migration class of the same name, exists
     */
    static Written write(Path directory, String basePackage, Command.MakeMigration command, MigrationVersion version)
            throws IOException {
        String packageName = packageName(basePackage, command.domain());
        if (RESERVED_CLASS_NAMES.contains(command.name())) {
            throw new CommandUsageException("Invalid migration name '" + command.name()
                    + "': it clashes with a type the migration uses; choose a name that says what it does, for"
                    + " example CreateInvoicesTable");
        }
        Path packageDirectory = directory.resolve(packageName.replace('.', '/'));
        Path file = packageDirectory.resolve(command.name() + ".java");
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Path sameName = findClass(directory.resolve(basePackage.replace('.', '/')), command.name() + ".java");
        if (sameName != null) {
            // Spring names @Component beans after the simple class name: two of them would clash at startup.
            throw new FileAlreadyExistsException(sameName.toString());
        }
        Files.createDirectories(packageDirectory);
        Files.writeString(file, render(packageName, command, version), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW);
        return new Written(file, packageName, command.name(), version);
    }

    static String packageName(String basePackage, @Nullable String domain) {
        if (basePackage.isEmpty()) {
            throw new CommandUsageException("No package to write the migration into: the application declares no"
                    + " package through @SpringBootApplication (or @EnableAutoConfiguration); set"
                    + " migrations.make.base-package, for example --migrations.make.base-package=com.example.migrations");
        }
        for (String segment : basePackage.split("\\.", -1)) {
            if (!IDENTIFIER.matcher(segment).matches() || KEYWORDS.contains(segment)) {
                throw new CommandUsageException("Invalid migrations.make.base-package '"
                        + CommandLineParser.printable(basePackage) + "': '" + CommandLineParser.printable(segment)
                        + "' is not a Java package name part; set it to your migrations' package, for example"
                        + " com.example.migrations");
            }
        }
        if (domain == null) {
            return basePackage;
        }
        String domainPackage = domain.toLowerCase(Locale.ROOT);
        if (KEYWORDS.contains(domainPackage)) {
            throw new CommandUsageException("Invalid domain '" + domain + "': its package name '" + domainPackage
                    + "' is a Java keyword; choose another domain name");
        }
        return basePackage + "." + domainPackage;
    }

    static String render(String packageName, Command.MakeMigration command, MigrationVersion version) {
        String className = command.name();
        String description = description(className);
        String table = tableName(className);
        boolean creates = CREATE_TABLE.matcher(className).matches();
        StringBuilder source = new StringBuilder();
        source.append("package ").append(packageName).append(";\n\n");
        source.append("import org.springframework.stereotype.Component;\n\n");
        source.append("import dev.saferoll.migrations.Migration;\n");
        source.append("import dev.saferoll.migrations.MigrationConnection;\n");
        source.append("import dev.saferoll.migrations.MigrationVersion;\n");
        if (command.reversible()) {
            source.append("import dev.saferoll.migrations.SafelyReversible;\n");
        }
        source.append("import dev.saferoll.migrations.schema.Schema;\n");
        if (table != null) {
            source.append("import dev.saferoll.migrations.schema.TableName;\n");
        }
        source.append("\n/**\n * ").append(description).append(".\n");
        if (command.reversible()) {
            source.append(" * <p>\n");
            source.append(" * This migration is safely reversible because:\n");
            source.append(" * - TODO explain why rolling back loses no data")
                .append(creates ? ", for example: the table is new, so dropping it loses nothing that existed\n"
                        + " *   before this migration.\n" : ".\n");
        }
        else {
            source.append(" * <p>\n");
            source.append(" * Forward-only: it cannot be rolled back. To undo it, write a new migration that reverses it\n");
            source.append(" * ({@code make:migration FixYourChanges}). Implement {@code SafelyReversible} only if rolling\n");
            source.append(" * back loses no data.\n");
        }
        source.append(" */\n");
        source.append("@Component\n");
        source.append("public class ").append(className).append(" implements Migration")
            .append(command.reversible() ? ", SafelyReversible" : "").append(" {\n\n");

        source.append("    @Override\n");
        source.append("    public void up(MigrationConnection connection) {\n");
        source.append("        Schema schema = new Schema(connection);\n");
        if (table != null && creates) {
            source.append("        schema.create(TableName.fromString(\"").append(table).append("\"), (table) -> {\n");
            source.append("            table.id();\n");
            source.append("            // table.string(\"name\");\n");
            source.append("            table.timestamps();\n");
            source.append("        });\n");
        }
        else if (table != null) {
            source.append("        schema.table(TableName.fromString(\"").append(table).append("\"), (table) -> {\n");
            source.append("            // TODO describe the change, for example: table.string(\"nickname\").nullable();\n");
            source.append("        });\n");
        }
        else {
            source.append("        // TODO your migration, for example:\n");
            source.append("        // schema.create(TableName.fromString(\"invoices\"), (table) -> { table.id(); table.timestamps(); });\n");
        }
        source.append("        schema.execute();\n");
        source.append("    }\n\n");

        if (command.reversible()) {
            source.append("    @Override\n");
            source.append("    public void down(MigrationConnection connection) {\n");
            source.append("        Schema schema = new Schema(connection);\n");
            if (table != null && creates) {
                source.append("        schema.dropIfExists(TableName.fromString(\"").append(table).append("\"));\n");
            }
            else {
                source.append("        // TODO reverse up() without losing data\n");
            }
            source.append("        schema.execute();\n");
            source.append("    }\n\n");
        }

        source.append("    @Override\n");
        source.append("    public MigrationVersion getVersion() {\n");
        source.append("        return MigrationVersion.fromTimestamp(\"").append(version.value()).append("\");\n");
        source.append("    }\n\n");
        source.append("    @Override\n");
        source.append("    public String getDescription() {\n");
        source.append("        return \"").append(description).append("\";\n");
        source.append("    }\n");
        if (command.domain() != null) {
            source.append("\n    @Override\n");
            source.append("    public String getDomain() {\n");
            source.append("        return \"").append(command.domain()).append("\";\n");
            source.append("    }\n");
        }
        source.append("}\n");
        return source.toString();
    }

    /** {@code CreateInvoicesTable} becomes {@code Create invoices table}. */
    static String description(String className) {
        String words = className.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ")
            .toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Whether the name says the migration creates a table ({@code CreateInvoicesTable}). */
    static boolean createsTable(String className) {
        return CREATE_TABLE.matcher(className).matches();
    }

    /** The table a name like {@code CreateInvoicesTable} or {@code AddNicknameToUsersTable} is about, if any. */
    static @Nullable String tableName(String className) {
        Matcher create = CREATE_TABLE.matcher(className);
        Matcher change = CHANGE_TABLE.matcher(className);
        String camel = create.matches() ? create.group(1) : (change.matches() ? change.group(1) : null);
        if (camel == null) {
            return null;
        }
        return camel.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_").toLowerCase(Locale.ROOT);
    }

    private static @Nullable Path findClass(Path root, String fileName) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter((path) -> path.getFileName().toString().equals(fileName)).findFirst().orElse(null);
        }
    }
}
