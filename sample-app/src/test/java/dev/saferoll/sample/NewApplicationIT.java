package dev.saferoll.sample;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new application made from the README, as a new user would: a Spring Boot project with the README's dependency
 * list, an application class, {@code make:migration}, then {@code spring.datasource.url}, and nothing else. It must
 * apply its migration. Built with this repository's Maven wrapper against a temporary local repository that holds the
 * Saferoll artifacts of this build; everything else comes from the usual local repository or Maven Central.
 */
class NewApplicationIT {

    private static final String APPLICATION = """
            package com.example.shop;

            import org.springframework.boot.SpringApplication;
            import org.springframework.boot.autoconfigure.SpringBootApplication;

            @SpringBootApplication
            public class ShopApplication {

                public static void main(String[] args) {
                    SpringApplication.run(ShopApplication.class, args);
                }
            }
            """;

    @TempDir
    Path directory;

    private final Path root = Path.of(System.getProperty("saferoll.root", "..")).toAbsolutePath().normalize();

    private final String version = System.getProperty("saferoll.version", "0.1.0-SNAPSHOT");

    private EmbeddedPostgres embedded;

    private String serverUrl;

    private String database;

    @BeforeEach
    void createDatabase() throws Exception {
        String configured = System.getenv("MIGRATIONS_TEST_POSTGRES_URL");
        if (configured != null && !configured.isBlank()) {
            this.serverUrl = configured;
        }
        else {
            this.embedded = EmbeddedPostgres.builder().start();
            this.serverUrl = this.embedded.getJdbcUrl("postgres", "postgres");
        }
        this.database = "new_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(this.serverUrl, "CREATE DATABASE " + this.database);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try {
            execute(this.serverUrl, "DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
        }
        finally {
            if (this.embedded != null) {
                this.embedded.close();
            }
        }
    }

    @Test
    void anApplicationMadeFromTheReadmeAndMakeMigrationAppliesItsMigration() throws Exception {
        Path repository = installSaferoll(this.directory.resolve("repository"));
        Path app = Files.createDirectories(this.directory.resolve("app"));
        Files.writeString(app.resolve("pom.xml"), pom(readmeDependencies()));
        Path main = Files.createDirectories(app.resolve("src/main/java/com/example/shop"));
        Files.writeString(main.resolve("ShopApplication.java"), APPLICATION);

        // No database is configured yet: make:migration needs none.
        Maven make = maven(repository, app, "spring-boot:run",
                "-Dspring-boot.run.arguments=make:migration CreateWidgetsTable Inventory");
        assertThat(make.exitCode()).as(make.output()).isZero();
        assertThat(make.output()).contains("Created forward-only migration"
                + " com.example.shop.migrations.inventory.CreateWidgetsTable");
        assertThat(app.resolve("src/main/java/com/example/shop/migrations/inventory/CreateWidgetsTable.java"))
            .exists();

        Files.createDirectories(app.resolve("src/main/resources"));
        Files.writeString(app.resolve("src/main/resources/application.properties"),
                "spring.datasource.url=" + databaseUrl() + "\n");
        Maven start = maven(repository, app, "spring-boot:run");
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).contains("Applied 1 migration(s)");

        try (Connection connection = DriverManager.getConnection(databaseUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT description, domain, status FROM schema_migrations")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("Create widgets table");
            assertThat(rows.getString(2)).isEqualTo("Inventory");
            assertThat(rows.getString(3)).isEqualTo("APPLIED");
            assertThat(rows.next()).isFalse();
        }
        try (Connection connection = DriverManager.getConnection(databaseUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT to_regclass('public.widgets') IS NOT NULL")) {
            rows.next();
            assertThat(rows.getBoolean(1)).as("the widgets table exists").isTrue();
        }
    }

    /** The first {@code xml} block under "Adding Saferoll to your application". */
    private String readmeDependencies() throws IOException {
        String readme = Files.readString(this.root.resolve("README.md"));
        int section = readme.indexOf("## Adding Saferoll to your application");
        assertThat(section).as("the README section").isNotNegative();
        Matcher block = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).as("an xml block in the section").isTrue();
        return block.group(1);
    }

    private String pom(String dependencies) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                    <modelVersion>4.0.0</modelVersion>
                    <parent>
                        <groupId>org.springframework.boot</groupId>
                        <artifactId>spring-boot-starter-parent</artifactId>
                        <version>%s</version>
                        <relativePath/>
                    </parent>
                    <groupId>com.example</groupId>
                    <artifactId>shop</artifactId>
                    <version>1.0.0</version>
                    <properties>
                        <java.version>17</java.version>
                    </properties>
                    <dependencies>
                %s
                    </dependencies>
                    <build>
                        <plugins>
                            <plugin>
                                <groupId>org.springframework.boot</groupId>
                                <artifactId>spring-boot-maven-plugin</artifactId>
                            </plugin>
                        </plugins>
                    </build>
                </project>
                """.formatted(System.getProperty("spring-boot.version", "4.1.1"), dependencies);
    }

    /** This build's Saferoll artifacts in a fresh local repository, as {@code mvn install} would put them. */
    private Path installSaferoll(Path repository) throws IOException {
        install(repository, "saferoll-parent", this.root.resolve("pom.xml"), null);
        for (String module : List.of("migrations-core", "migrations-spring-boot-starter")) {
            Path jar = this.root.resolve(module + "/target/" + module + "-" + this.version + ".jar");
            assertThat(jar).as("the %s jar of this build (package runs before this test)", module).isRegularFile();
            install(repository, module, this.root.resolve(module + "/pom.xml"), jar);
        }
        return repository;
    }

    private void install(Path repository, String artifactId, Path pom, Path jar) throws IOException {
        Path target = Files.createDirectories(repository.resolve("dev/saferoll/" + artifactId + "/" + this.version));
        Files.copy(pom, target.resolve(artifactId + "-" + this.version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, target.resolve(artifactId + "-" + this.version + ".jar"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Maven maven(Path repository, Path app, String... goals) throws Exception {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        List<String> command = new ArrayList<>(List.of(this.root.resolve(windows ? "mvnw.cmd" : "mvnw").toString(),
                "-B", "-ntp", "-f", app.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + tail()));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile(this.directory, "maven", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Maven(process.waitFor(), Files.readString(log));
    }

    record Maven(int exitCode, String output) {
    }

    /** Where the new application finds everything else: the build's local repository, and the user's. */
    private static String tail() {
        String user = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
        String build = System.getProperty("saferoll.repository.tail", user);
        return build.equals(user) ? user : build + "," + user;
    }

    private String databaseUrl() {
        URI server = URI.create(this.serverUrl.substring("jdbc:".length()));
        return "jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/" + this.database
                + ((server.getQuery() != null) ? "?" + server.getQuery() : "");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
