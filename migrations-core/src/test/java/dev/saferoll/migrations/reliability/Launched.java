package dev.saferoll.migrations.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A {@link MigrationLauncher} running in its own JVM, its output going to a file. */
final class Launched {

    private final Process process;

    private final Path output;

    private Launched(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code MigrationLauncher url scenario} in a new JVM with light flags and extra system properties. */
    static Launched start(String url, String scenario, String... systemProperties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        for (String property : systemProperties) {
            command.add("-D" + property);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MigrationLauncher.class.getName());
        command.add(url);
        command.add(scenario);
        try {
            Path output = Files.createTempFile("saferoll-launcher-", ".log");
            output.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
            return new Launched(process, output);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Process process() {
        return this.process;
    }

    /** Waits for the JVM to end and returns its exit code; fails when it runs longer than {@code timeout}. */
    int waitFor(Duration timeout) {
        try {
            if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                this.process.destroyForcibly();
                throw new AssertionError("Launcher still running after " + timeout + ":\n" + output());
            }
            return this.process.exitValue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    void kill() {
        this.process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    String output() {
        try {
            return Files.readString(this.output, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The {@code RESULT} line the launcher printed, or an empty string. */
    String result() {
        return output().lines().filter((line) -> line.startsWith("RESULT ")).findFirst().orElse("");
    }

    /** Polls {@code condition} until it holds; fails (showing the launcher's output) once {@code timeout} passes. */
    void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !this.process.isAlive()) {
                if (condition.getAsBoolean()) {
                    return;
                }
                throw new AssertionError("Gave up waiting until " + what + " (launcher alive: "
                        + this.process.isAlive() + "):\n" + output());
            }
            sleep(Duration.ofMillis(100));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
