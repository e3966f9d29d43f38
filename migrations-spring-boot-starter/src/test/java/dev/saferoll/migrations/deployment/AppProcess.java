package dev.saferoll.migrations.deployment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Spring Boot application started from the test classpath as a process of its own, with real HTTP. */
final class AppProcess implements AutoCloseable {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;

    private final Path output;

    private final int port;

    private AppProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts {@code mainClass} with the arguments, and waits until it answers HTTP. */
    static AppProcess start(Class<?> mainClass, String... arguments) {
        try {
            int port = freePort();
            Path output = Files.createTempFile("saferoll-app-", ".log");
            output.toFile().deleteOnExit();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass.getName(),
                    "--server.port=" + port));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
            AppProcess app = new AppProcess(process, output, port);
            app.awaitReady();
            return app;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** GETs a path and returns the response. */
    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    String output() {
        try {
            return Files.readString(this.output);
        }
        catch (IOException ex) {
            return ex.toString();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("The application exited with " + this.process.exitValue() + ":\n"
                        + output());
            }
            try {
                if (get("/actuator/health").statusCode() > 0) {
                    return;
                }
            }
            catch (UncheckedIOException ex) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("The application did not answer within 90 s:\n" + output());
    }

    private static void sleep() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
