package dev.saferoll.sample.embedded;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample's PostgreSQL: one this application starts and stops, or one that already runs on the same data
 * directory (the sample, started earlier, while a {@code db:*} command runs), which it uses and leaves running.
 * <p>
 * The server's own output (initdb, startup, shutdown) goes to a log file next to the data directory, not to the
 * application's log.
 */
final class SamplePostgres implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SamplePostgres.class);

    private final @Nullable EmbeddedPostgres started;

    private final int port;

    private SamplePostgres(@Nullable EmbeddedPostgres started, int port) {
        this.started = started;
        this.port = port;
    }

    /** Starts PostgreSQL on {@code dataDirectory}, or uses the one that already runs there. */
    static SamplePostgres startOrJoin(Path dataDirectory, int port) throws IOException {
        Optional<Running> running = Running.on(dataDirectory);
        if (running.isPresent()) {
            logger.info("PostgreSQL already runs with data in {} (pid {}, port {}), probably the sample started"
                    + " earlier; using it and leaving it running", dataDirectory, running.get().pid(),
                    running.get().port());
            return new SamplePostgres(null, running.get().port());
        }
        Files.createDirectories(dataDirectory);
        Path serverLog = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        logger.info("Starting embedded PostgreSQL on port {} with data in {} (server log: {})", port, dataDirectory,
                serverLog);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
            .start();
        holdBackShutdownHook(postgres, true);
        return new SamplePostgres(postgres, port);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + this.port + "/postgres?user=postgres";
    }

    /** Stops the server if this application started it: after the web server and the pool, as a bean destroyed last. */
    @Override
    public void close() throws IOException {
        if (this.started != null) {
            holdBackShutdownHook(this.started, false);
            this.started.close();
        }
    }

    /**
     * EmbeddedPostgres stops the server from a JVM shutdown hook of its own, which runs alongside Spring's: on Ctrl-C
     * the server went down while Tomcat still finished requests and the pool still held connections ("FATAL:
     * terminating connection due to administrator command"). Marking it closed makes that hook do nothing, so the
     * server stops when Spring destroys this bean, after everything that uses it.
     */
    private static void holdBackShutdownHook(EmbeddedPostgres postgres, boolean holdBack) {
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            ((AtomicBoolean) closed.get(postgres)).set(holdBack);
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            logger.debug("Could not hold back EmbeddedPostgres' shutdown hook; it may stop the server early", ex);
        }
    }

    /** A server that runs on a data directory, as its {@code postmaster.pid} tells. */
    record Running(long pid, int port) {

        static Optional<Running> on(Path dataDirectory) {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            try {
                if (!Files.isRegularFile(pidFile)) {
                    return Optional.empty();
                }
                List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
                long pid = Long.parseLong(lines.get(0).trim());
                int port = Integer.parseInt(lines.get(3).trim());
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                return alive ? Optional.of(new Running(pid, port)) : Optional.empty();
            }
            catch (IOException | RuntimeException ex) {
                // Unreadable or half-written: start as usual, and let PostgreSQL judge the data directory.
                return Optional.empty();
            }
        }
    }
}
