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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged sample jar as its own process, on embedded PostgreSQL in a temporary working directory, then runs
 * the jar's {@code db:*} commands against the same data, as an operator would.
 */
class SampleAppJarIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

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
    void servesMigrationsThroughActuatorThenAnswersTheCommands() throws Exception {
        int httpPort = freePort();
        int postgresPort = freePort();
        Process app = start(List.of("--server.port=" + httpPort, "--sample.embedded-postgres.port=" + postgresPort),
                this.workingDirectory.resolve("app.log"));
        try {
            String base = "http://127.0.0.1:" + httpPort;
            awaitHealthy(app, base + "/actuator/health");

            HttpResponse<String> health = get(base + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"", "\"migrations\"");

            HttpResponse<String> migrations = get(base + "/actuator/migrations");
            assertThat(migrations.statusCode()).isEqualTo(200);
            assertThat(migrations.body()).contains("\"state\":\"APPLIED\"", "2024_05_01_090000",
                    "\"pendingCount\":0");
            assertThat(migrations.body()).doesNotContain("\"state\":\"PENDING\"", "\"state\":\"FAILED\"");

            HttpResponse<String> prometheus = get(base + "/actuator/prometheus");
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.body()).contains("migrations_applied", "migrations_database_size_bytes",
                    "migrations_execution_seconds_count");

            assertThat(get(base + "/api/users").body()).contains("ada@example.com", "\"role\":\"admin\"");
        }
        finally {
            stop(app);
        }
        assertThat(app.exitValue()).as(log("app.log")).isIn(0, 130, 143);

        Command status = command("db:status", "--sample.embedded-postgres.port=" + postgresPort);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("2024_01_15_100000", "2024_01_15_143000", "2024_03_02_090000",
                "2024_05_01_090000", "Current version: 2024_05_01_090000", "pending: 0");

        Command dryRun = command("db:migrate", "--dry-run", "--sample.embedded-postgres.port=" + postgresPort);
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("nothing pending");

        Command rollback = command("db:rollback", "1", "--force", "--sample.embedded-postgres.port=" + postgresPort);
        assertThat(rollback.exitCode()).as(rollback.output()).isEqualTo(3);
        assertThat(rollback.output()).contains("does not support safe rollback", "make:migration")
            .doesNotContain("Exception");
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
        Path log = this.workingDirectory.resolve("command-" + args[0].replace(':', '-') + ".log");
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
