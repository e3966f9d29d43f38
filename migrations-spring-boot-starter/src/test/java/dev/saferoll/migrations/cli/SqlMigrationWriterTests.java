package dev.saferoll.migrations.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.sqlfile.SqlFile;
import dev.saferoll.migrations.sqlfile.SqlFileMigration;
import dev.saferoll.migrations.sqlfile.SqlFileMigrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code make:migration --sql}: files that the SQL-file loader reads back, and that run on real PostgreSQL. */
class SqlMigrationWriterTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T14:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void aReversibleCreateTableIsAPairOfFilesThatMigrateAndRollBack() throws IOException {
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console).run(List.of("make:migration", "CreateInvoicesTable", "Billing", "--sql",
                "--reversible"))).isZero();
        Path billing = this.directory.resolve("sql/Billing");
        assertThat(console.output()).contains("Created safely reversible SQL migration 2026_11_21_143000 "
                + "\"Create invoices table\" [Billing]", "2026_11_21_143000_create_invoices_table.sql");
        assertThat(Files.readString(billing.resolve("2026_11_21_143000_create_invoices_table.sql")))
            .contains("CREATE TABLE invoices (");
        assertThat(Files.readString(billing.resolve("2026_11_21_143000_create_invoices_table.down.sql")))
            .contains("DROP TABLE invoices;");

        List<SqlFileMigration> loaded = SqlFileMigrations.of(files(billing));
        assertThat(loaded).singleElement().satisfies((migration) -> {
            assertThat(migration).isInstanceOf(SafelyReversible.class);
            assertThat(migration.getDomain()).isEqualTo("Billing");
            assertThat(migration.getDescription()).isEqualTo("Create invoices table");
        });
        try (TestDatabase database = TestPostgres.createDatabase()) {
            Migrations migrations = Migrations.builder().dataSource(database.dataSource()).migrations(loaded).build();
            assertThat(migrations.migrate().count()).isEqualTo(1);
            assertThat(database.tableExists("invoices")).isTrue();
            assertThat(migrations.rollback(1, RollbackOptions.defaults()).count()).isEqualTo(1);
            assertThat(database.tableExists("invoices")).isFalse();
        }
    }

    @Test
    void aFileWithoutStatementsStopsTheLoaderUntilItIsWritten() throws IOException {
        RecordingConsole console = RecordingConsole.noTerminal();
        assertThat(commands(console).run(List.of("make:migration", "AddNicknameToUsersTable", "--sql"))).isZero();
        Path file = this.directory.resolve("sql/2026_11_21_143000_add_nickname_to_users_table.sql");
        assertThat(Files.readString(file)).contains("Forward-only", "Write the statements here");

        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> SqlFileMigrations.of(files(file.getParent())))
            .withMessageContaining("2026_11_21_143000_add_nickname_to_users_table.sql holds no statement");
        Files.writeString(file, Files.readString(file) + "ALTER TABLE users ADD COLUMN nickname text;\n");
        assertThat(SqlFileMigrations.of(files(file.getParent()))).hasSize(1);
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        RecordingConsole console = RecordingConsole.noTerminal();
        List<String> make = List.of("make:migration", "CreateInvoicesTable", "--sql");
        assertThat(commands(console).run(make)).isZero();
        Path file = this.directory.resolve("sql/2026_11_21_143000_create_invoices_table.sql");
        Files.writeString(file, "CREATE TABLE invoices (id bigint);\n");

        assertThat(commands(console).run(make)).isEqualTo(3);
        assertThat(console.output()).contains("already exists; nothing was written");
        assertThat(Files.readString(file)).isEqualTo("CREATE TABLE invoices (id bigint);\n");
    }

    private MigrationsCommands commands(RecordingConsole console) {
        return new MigrationsCommands(() -> null, new MigrationsCommands.Settings("java -jar app.jar", false,
                this.directory.resolve("java"), "com.example.shop", this.directory.resolve("sql")), console, CLOCK);
    }

    private static List<SqlFile> files(Path folder) throws IOException {
        try (var paths = Files.list(folder)) {
            return paths.sorted()
                .map((path) -> new SqlFile(path.toString(), folder.getFileName().toString(),
                        path.getFileName().toString(), read(path)))
                .toList();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
