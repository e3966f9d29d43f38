package dev.saferoll.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged sample jar as its own process, on embedded PostgreSQL in a temporary working directory, then runs
 * the jar's {@code db:*} and {@code make:*} commands against the same data, as an operator would: beside the running
 * sample, and on their own. A first start from an empty data directory logs no warning, no error and no initdb
 * output, and its shutdown stops the database last (no FATAL).
 */
class SampleAppJarIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private static final String NEWEST = "2024_06_01_090000";

    /** The sample's SQL-file migration, which the jar must find inside BOOT-INF/classes. */
    private static final String SQL_FILE = "2024_03_15_090000";

    /** Spring Boot's console format: the level follows the timestamp. */
    private static final Pattern LEVEL_WARN_OR_ERROR = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s");

    private static Path jar;

    @TempDir
    Path workingDirectory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged sample jar; run `./mvnw verify`").isRegularFile();
    }

    @Test
    void firstStartIsQuietServesActuatorAnswersCommandsAndStopsCleanly() throws Exception {
        int httpPort = freePort();
        int postgresPort = freePort();
        String postgres = "--sample.embedded-postgres.port=" + postgresPort;
        Process app = start(List.of("--server.port=" + httpPort, postgres), this.workingDirectory.resolve("app.log"));
        try {
            String base = "http://127.0.0.1:" + httpPort;
            awaitHealthy(app, base + "/actuator/health");

            HttpResponse<String> health = get(base + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"", "\"migrations\"");

            HttpResponse<String> migrations = get(base + "/actuator/migrations");
            assertThat(migrations.statusCode()).isEqualTo(200);
            assertThat(migrations.body()).contains("\"state\":\"APPLIED\"", NEWEST, "\"pendingCount\":0");
            assertThat(migrations.body()).doesNotContain("\"state\":\"PENDING\"", "\"state\":\"FAILED\"");

            HttpResponse<String> prometheus = get(base + "/actuator/prometheus");
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.body()).contains("migrations_applied{", "migrations_database_size_bytes",
                    "migrations_applied_duration_seconds{", "migrations_last_applied_timestamp_seconds",
                    "migrations_execution_seconds_count");

            assertThat(get(base + "/api/users").body()).contains("ada@example.com", "\"role\":\"admin\"");

            // Commands beside the running sample use its database.
            Command status = command("db:status", postgres);
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output()).contains("Current version: " + NEWEST);
            Command make = command("make:migration", "CreateCouponsTable", "Billing",
                    "--migrations.make.directory=" + this.workingDirectory.resolve("src"), postgres);
            assertThat(make.exitCode()).as(make.output()).isZero();
            assertThat(this.workingDirectory.resolve("src/dev/saferoll/sample/migrations/billing/CreateCouponsTable.java"))
                .exists();
        }
        finally {
            stop(app);
        }
        assertThat(app.exitValue()).as(log("app.log")).isIn(0, 130, 143);
        String appLog = log("app.log");
        assertThat(appLog.lines().filter((line) -> LEVEL_WARN_OR_ERROR.matcher(line).find()))
            .as("WARN and ERROR lines of a first start and its shutdown").isEmpty();
        assertThat(appLog).as("initdb output").doesNotContain("initdb:", "The files belonging to this database system")
            .doesNotContain("FATAL");
        String serverLog = Files.readString(this.workingDirectory.resolve(".saferoll/postgres.log"));
        assertThat(serverLog).contains("database system is shut down").doesNotContain("FATAL");
    }

    @Test
    void rollbackOfTheReversibleNewestSucceedsAndReachingTheForwardOnlyOneIsRefused() throws Exception {
        String postgres = "--sample.embedded-postgres.port=" + freePort();
        Command migrate = command("db:migrate", postgres);
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("Applied 14 migrations; current version " + NEWEST);

        Command dryRun = command("db:migrate", "--dry-run", postgres);
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("nothing pending");

        Command refused = command("db:rollback", "2", "--force", postgres);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
        assertThat(refused.output()).contains("2024_05_01_090000 (Normalize user email addresses) does not support"
                + " safe rollback", "Nothing was rolled back", "make:migration")
            .doesNotContain("Exception");

        Command rollback = command("db:rollback", "1", "--force", postgres);
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(rollback.output()).contains("Rolled back 1 migration; current version 2024_05_01_090000");

        Command status = command("db:status", postgres);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern(NEWEST + "\\s+Catalog\\s+ROLLED_BACK")
            .containsPattern(SQL_FILE + "\\s+Billing\\s+APPLIED\\s+yes\\s.*Index invoices user id")
            .contains("Current version: 2024_05_01_090000");
    }

    private Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(this.workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    }

    private Command command(String... args) throws Exception {
        Path log = Files.createTempFile(this.workingDirectory, "command-" + args[0].replace(':', '-'), ".log");
        Process process = start(List.of(args), log);
        try {
            assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("%s finished", args[0]).isTrue();
            return new Command(process.exitValue(), Files.readString(log));
        }
        finally {
            stop(process);
        }
    }

    private void awaitHealthy(Process app, String url) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as("the sample app exited early:%n%s", log("app.log")).isTrue();
            try {
                HttpResponse<String> health = get(url);
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            }
            catch (IOException ex) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The sample app was not healthy within " + STARTUP + ":\n" + log("app.log"));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        // A graceful stop lets Spring close the context, which stops the embedded PostgreSQL.
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String log(String name) {
        try {
            return Files.readString(this.workingDirectory.resolve(name));
        }
        catch (IOException ex) {
            return "(no " + name + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    record Command(int exitCode, String output) {
    }
}
