package dev.saferoll.migrations.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import dev.saferoll.migrations.MigrationVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationClassWriterTests {

    private static final MigrationVersion VERSION = MigrationVersion.fromTimestamp("2026_11_21_143000");

    @TempDir
    Path directory;

    @Test
    void writesAForwardOnlyMigrationIntoTheDomainPackage() throws IOException {
        MigrationClassWriter.Written written = write("CreateInvoicesTable", "Billing", false);
        assertThat(written.file())
            .isEqualTo(this.directory.resolve("com/example/migrations/billing/CreateInvoicesTable.java"));
        assertThat(written.packageName()).isEqualTo("com.example.migrations.billing");
        String source = Files.readString(written.file());
        assertThat(source).contains("package com.example.migrations.billing;", "@Component",
                "public class CreateInvoicesTable implements Migration {",
                "MigrationVersion.fromTimestamp(\"2026_11_21_143000\")", "return \"Create invoices table\";",
                "return \"Billing\";", "schema.create(TableName.fromString(\"invoices\")", "Forward-only")
            .doesNotContain("import dev.saferoll.migrations.SafelyReversible;", "down(");
    }

    @Test
    void writesASafelyReversibleMigrationThatSaysWhyItIsSafe() throws IOException {
        String source = Files.readString(write("CreateUserProfilesTable", "User", true).file());
        assertThat(source).contains("implements Migration, SafelyReversible",
                "This migration is safely reversible because:", "public void down(MigrationConnection connection)",
                "schema.dropIfExists(TableName.fromString(\"user_profiles\"));");
    }

    @Test
    void leavesTheDefaultDomainWhenNoneIsGiven() throws IOException {
        MigrationClassWriter.Written written = write("BackfillNicknames", null, false);
        assertThat(written.packageName()).isEqualTo("com.example.migrations");
        assertThat(Files.readString(written.file())).doesNotContain("getDomain");
    }

    @Test
    void writtenMigrationsCompile() throws IOException {
        List<Path> files = List.of(write("CreateInvoicesTable", "Billing", false).file(),
                write("CreateUserProfilesTable", "User", true).file(),
                write("AddNicknameToUsersTable", "User", true).file(),
                write("BackfillNicknames", null, false).file());
        Path classes = Files.createDirectories(this.directory.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> arguments = new java.util.ArrayList<>(List.of("-classpath", classpath, "-d", classes.toString(),
                "-proc:none", "-Xlint:all", "-Werror", "--release", "17"));
        files.forEach((file) -> arguments.add(file.toString()));
        int result = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        assertThat(result).as(diagnostics.toString()).isZero();
        try (Stream<Path> compiled = Files.walk(classes)) {
            assertThat(compiled.map((path) -> path.getFileName().toString())).contains("CreateInvoicesTable.class",
                    "CreateUserProfilesTable.class", "AddNicknameToUsersTable.class", "BackfillNicknames.class");
        }
    }

    @Test
    void refusesToOverwriteAnExistingFile() throws IOException {
        Path file = write("CreateInvoicesTable", "Billing", false).file();
        Files.writeString(file, "// hand-written");
        assertThatExceptionOfType(FileAlreadyExistsException.class)
            .isThrownBy(() -> write("CreateInvoicesTable", "Billing", true))
            .withMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("// hand-written");
    }

    @Test
    void refusesAClassNameThatAnotherDomainAlreadyUses() throws IOException {
        Path existing = write("CreateAuditTable", "Billing", false).file();
        assertThatExceptionOfType(FileAlreadyExistsException.class)
            .isThrownBy(() -> write("CreateAuditTable", "User", false))
            .withMessageContaining(existing.toString());
    }

    @Test
    void rejectsADomainWhosePackageWouldBeAKeyword() {
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> write("CreateX", "Package", false))
            .withMessageContaining("Invalid domain 'Package'");
    }

    @Test
    void rejectsABasePackageThatIsNotAJavaPackage() {
        assertThatExceptionOfType(CommandUsageException.class)
            .isThrownBy(() -> MigrationClassWriter.write(this.directory, "com.example-app.migrations",
                    new Command.MakeMigration("CreateX", null, false), VERSION))
            .withMessageContaining("migrations.make.base-package 'com.example-app.migrations'");
    }

    @Test
    void withoutAPackageToWriteIntoSaysWhichPropertyToSet() {
        assertThatExceptionOfType(CommandUsageException.class)
            .isThrownBy(() -> MigrationClassWriter.write(this.directory, "",
                    new Command.MakeMigration("CreateX", null, false), VERSION))
            .withMessageContaining("@SpringBootApplication")
            .withMessageContaining("--migrations.make.base-package=");
    }

    @Test
    void theDefaultPackageIsTheApplicationsOwnPlusMigrations() {
        assertThat(CommandSettings.makeBasePackage(null, List.of("com.example.shop", "com.example.other")))
            .isEqualTo("com.example.shop.migrations");
        assertThat(CommandSettings.makeBasePackage(" com.acme.db ", List.of("com.example.shop")))
            .isEqualTo("com.acme.db");
        assertThat(CommandSettings.makeBasePackage(null, List.of())).isEmpty();
        assertThat(CommandSettings.applicationPackages(List.of(ShopApplication.class, "not a class")))
            .containsExactly("dev.saferoll.migrations.cli");
    }

    @Test
    void rejectsNamesThatClashWithTheTypesTheClassUses() {
        assertThatExceptionOfType(CommandUsageException.class).isThrownBy(() -> write("Migration", null, false))
            .withMessageContaining("'Migration'");
    }

    @Test
    void derivesTheDescriptionFromTheName() {
        assertThat(MigrationClassWriter.description("CreateInvoicesTable")).isEqualTo("Create invoices table");
        assertThat(MigrationClassWriter.description("AddSKUToProducts")).isEqualTo("Add sku to products");
        assertThat(MigrationClassWriter.description("Fix2024Totals")).isEqualTo("Fix2024 totals");
    }

    /** As on an application's {@code @SpringBootApplication} class, whose package becomes the default. */
    @EnableAutoConfiguration
    static class ShopApplication {
    }

    private MigrationClassWriter.Written write(String name, String domain, boolean reversible) throws IOException {
        return MigrationClassWriter.write(this.directory, "com.example.migrations",
                new Command.MakeMigration(name, domain, reversible), VERSION);
    }
}
