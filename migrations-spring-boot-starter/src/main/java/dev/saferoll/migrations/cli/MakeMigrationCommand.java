package dev.saferoll.migrations.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;

import dev.saferoll.migrations.MigrationVersion;

/** {@code make:migration}: writes a migration class, or with {@code --sql} a SQL file, and says where. */
final class MakeMigrationCommand {

    private final MigrationsCommands.Settings settings;

    private final CommandConsole console;

    private final Symbols symbols;

    MakeMigrationCommand(MigrationsCommands.Settings settings, CommandConsole console, Symbols symbols) {
        this.settings = settings;
        this.console = console;
        this.symbols = symbols;
    }

    CommandExitCode run(Command.MakeMigration command, MigrationVersion version) {
        if (command.sql()) {
            return makeSqlMigration(command, version);
        }
        MigrationClassWriter.Written written;
        try {
            written = MigrationClassWriter.write(this.settings.makeDirectory(), this.settings.makeBasePackage(),
                    command, version);
        }
        catch (FileAlreadyExistsException ex) {
            this.console.println(this.symbols.error + " Refused: " + ex.getFile() + " already exists; nothing was"
                    + " written. Migration class names must be unique (Spring names the beans after them): choose"
                    + " another name.");
            return CommandExitCode.REFUSED;
        }
        catch (IOException ex) {
            this.console.println(this.symbols.error + " Could not write the migration under "
                    + this.settings.makeDirectory().toAbsolutePath() + ": " + ex.getMessage()
                    + ". Check migrations.make.directory.");
            return CommandExitCode.FAILURE;
        }
        String kind = command.reversible() ? "safely reversible" : "forward-only";
        this.console.println(this.symbols.ok + " Created " + kind + " migration " + written.packageName() + "."
                + written.className() + " (version " + version + ")");
        this.console.println("   " + written.file());
        this.console.println(command.reversible()
                ? this.symbols.tip + " Explain in its javadoc why rolling it back loses no data."
                : this.symbols.tip + " Forward-only by default. Add --reversible only for a change whose rollback"
                        + " loses no data.");
        return CommandExitCode.OK;
    }

    private CommandExitCode makeSqlMigration(Command.MakeMigration command, MigrationVersion version) {
        List<Path> written;
        try {
            written = SqlMigrationWriter.write(this.settings.makeSqlDirectory(), command, version);
        }
        catch (FileAlreadyExistsException ex) {
            this.console.println(this.symbols.error + " Refused: " + ex.getFile() + " already exists; nothing was"
                    + " written.");
            return CommandExitCode.REFUSED;
        }
        catch (IOException ex) {
            this.console.println(this.symbols.error + " Could not write the migration under "
                    + this.settings.makeSqlDirectory().toAbsolutePath() + ": " + ex.getMessage()
                    + ". Check migrations.make.sql-directory.");
            return CommandExitCode.FAILURE;
        }
        String kind = command.reversible() ? "safely reversible" : "forward-only";
        this.console.println(this.symbols.ok + " Created " + kind
                + " SQL migration " + version + " \"" + MigrationClassWriter.description(command.name()) + "\""
                + ((command.domain() != null) ? " [" + command.domain() + "]" : ""));
        written.forEach((file) -> this.console.println("   " + file));
        this.console.println(this.symbols.tip + " It is found where migrations.locations looks (classpath:db/migrations"
                + " unless set).");
        return CommandExitCode.OK;
    }
}
