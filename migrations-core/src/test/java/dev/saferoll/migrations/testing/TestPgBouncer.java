package dev.saferoll.migrations.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real PgBouncer (Debian's {@code pgbouncer}) in transaction mode in front of the test PostgreSQL, started as a
 * process on a free loopback port and stopped by {@link #close()}. PgBouncer refuses to run as root, so as root it
 * switches to the {@code postgres} user.
 */
public final class TestPgBouncer implements AutoCloseable {

    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/[^?]*\\?.*user=([^&]+).*");

    private final Process process;

    private final Path directory;

    private final int port;

    private final String user;

    private TestPgBouncer(Process process, Path directory, int port, String user) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.user = user;
    }

    /** Starts PgBouncer in transaction mode for the server of {@link TestPostgres}. */
    public static TestPgBouncer start() {
        Path program = ExternalTool.require("PgBouncer", "/usr/sbin/pgbouncer", "pgbouncer");
        Matcher server = SERVER.matcher(TestPostgres.serverUrl());
        if (!server.matches()) {
            throw new IllegalStateException("Cannot read host, port and user from " + TestPostgres.serverUrl());
        }
        try {
            Path directory = Files.createTempDirectory("saferoll-pgbouncer-");
            int port = freePort();
            String user = server.group(3);
            Files.writeString(directory.resolve("users.txt"), "\"" + user + "\" \"\"\n");
            Files.writeString(directory.resolve("pgbouncer.ini"), String.join("\n", "[databases]",
                    "* = host=" + server.group(1) + " port=" + server.group(2), "[pgbouncer]",
                    "listen_addr = 127.0.0.1", "listen_port = " + port, "auth_type = trust",
                    "auth_file = " + directory.resolve("users.txt"), "pool_mode = transaction",
                    "default_pool_size = 4", "unix_socket_dir =", "logfile = " + directory.resolve("pgbouncer.log"),
                    "ignore_startup_parameters = extra_float_digits,options", ""));
            List<String> command = new ArrayList<>(List.of(program.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                new ProcessBuilder("chown", "-R", "postgres", directory.toString()).inheritIO().start().waitFor();
                command.addAll(List.of("-u", "postgres"));
            }
            command.add(directory.resolve("pgbouncer.ini").toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile())
                .start();
            TestPgBouncer bouncer = new TestPgBouncer(process, directory, port, user);
            bouncer.awaitListening();
            return bouncer;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A JDBC URL through PgBouncer; server-side prepared statements are off, as transaction mode requires. */
    public String url(TestDatabase database) {
        return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database.name() + "?user=" + this.user
                + "&prepareThreshold=0";
    }

    public int port() {
        return this.port;
    }

    private void awaitListening() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited: " + log());
            }
            try (Socket socket = new Socket("127.0.0.1", this.port)) {
                return;
            }
            catch (IOException ex) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new IllegalStateException("PgBouncer did not listen on " + this.port + ": " + log());
    }

    private String log() {
        try {
            Path log = this.directory.resolve("pgbouncer.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(this.directory.resolve("stdout.log"));
        }
        catch (IOException ex) {
            return ex.getMessage();
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
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
