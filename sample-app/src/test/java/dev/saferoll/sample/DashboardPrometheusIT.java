package dev.saferoll.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Grafana dashboard tells the truth: a real Prometheus scrapes the packaged sample across a first start, a restart
 * with nothing pending, a rollback and a restart that applies the migration again. After each step, every panel's
 * query from {@code monitoring/saferoll-dashboard.json} goes through Prometheus's HTTP API and its value is checked
 * against the history table of the sample's database.
 * <p>
 * Needs the {@code prometheus} binary (Debian's package; {@code .ci/run} installs it).
 */
class DashboardPrometheusIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private static Path jar;

    private static Path dashboard;

    @TempDir
    Path workingDirectory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Process> processes = new ArrayList<>();

    private int httpPort;

    private int postgresPort;

    private String prometheus;

    @BeforeAll
    static void findJarAndDashboard() {
        jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged sample jar; run `./mvnw verify`").isRegularFile();
        dashboard = Path.of(System.getProperty("sample.dashboard", "monitoring/saferoll-dashboard.json"))
            .toAbsolutePath();
        assertThat(dashboard).isRegularFile();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process process : this.processes) {
            stop(process);
        }
    }

    @Test
    void everyPanelAgreesWithTheHistoryTableAcrossRestartsAndARollback() throws Exception {
        this.httpPort = freePort();
        this.postgresPort = freePort();
        this.prometheus = startPrometheus();
        List<Panel> panels = panels();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(9);

        Process app = startSample("first-start");
        checkPanels(panels, "after the first start, which applied every migration");

        stop(app);
        app = startSample("restart");
        checkPanels(panels, "after a restart with nothing pending");

        HttpResponse<String> rollback = this.http.send(HttpRequest
            .newBuilder(URI.create(sampleUrl() + "/actuator/migrations"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"steps\": 1}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
        checkPanels(panels, "after a rollback of the newest migration");

        stop(app);
        startSample("reapply");
        checkPanels(panels, "after a restart that applied the rolled-back migration again");
    }

    /** Waits until Prometheus answers every panel as the history says, then asserts it. */
    private void checkPanels(List<Panel> panels, String when) throws Exception {
        Map<String, Map<String, Double>> expected = expectations();
        Map<String, Map<String, Double>> actual = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(SETTLE);
        boolean agree = false;
        while (!agree && Instant.now().isBefore(deadline)) {
            actual.clear();
            for (Panel panel : panels) {
                actual.put(panel.title(), query(panel.expr()));
            }
            agree = panels.stream().allMatch((panel) -> matches(panel, expected, actual));
            if (!agree) {
                Thread.sleep(1000);
            }
        }
        for (Panel panel : panels) {
            assertThat(expected).as("an expectation for panel '%s'; add one when adding a panel", panel.title())
                .containsKey(panel.title());
            assertThat(matches(panel, expected, actual))
                .as("panel '%s' %s:%n  query    %s%n  Prometheus %s%n  history    %s", panel.title(), when,
                        panel.expr(), actual.get(panel.title()), expected.get(panel.title()))
                .isTrue();
        }
    }

    private static boolean matches(Panel panel, Map<String, Map<String, Double>> expected,
            Map<String, Map<String, Double>> actual) {
        Map<String, Double> want = expected.get(panel.title());
        Map<String, Double> got = actual.get(panel.title());
        if (want == null || got == null || !want.keySet().equals(got.keySet())) {
            return false;
        }
        // The sampled database size may have grown a little since the history read; the rest is exact.
        double relative = panel.title().startsWith("Database size") ? 0.10 : 1e-9;
        double absolute = panel.title().startsWith("Last migration") ? 1.0 : 1e-9;
        return want.entrySet().stream().allMatch((entry) -> {
            double value = got.get(entry.getKey());
            return Math.abs(value - entry.getValue()) <= Math.max(absolute, relative * Math.abs(entry.getValue()));
        });
    }

    /** Each panel's value, keyed by series ({@code ""} for a single value), from the history table. */
    private Map<String, Map<String, Double>> expectations() throws SQLException, IOException, InterruptedException {
        Map<String, Map<String, Double>> expected = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + this.postgresPort + "/postgres?user=postgres")) {
            long inCode = JsonPath.<List<?>>read(get(sampleUrl() + "/actuator/migrations").body(),
                    "$.entries[?(@.state != 'MISSING')]").size();
            double versions = single(connection, "SELECT count(DISTINCT version) FROM schema_migrations");
            expected.put("Pending migrations", Map.of("", inCode - versions));
            expected.put("Failed migrations",
                    Map.of("", single(connection, "SELECT count(*) FROM schema_migrations WHERE status = 'FAILED'")));
            expected.put("Applied migrations",
                    Map.of("", single(connection, "SELECT count(*) FROM schema_migrations WHERE status = 'APPLIED'")));
            double size = single(connection, "SELECT pg_database_size(current_database())");
            expected.put("Database size", Map.of("", size));
            expected.put("Last migration applied", Map.of("", single(connection, "SELECT extract(epoch FROM"
                    + " max(applied_at)) * 1000 FROM schema_migrations WHERE status = 'APPLIED'")));
            expected.put("Database size over time", Map.of("127.0.0.1:" + this.httpPort, size));
            String byDomain = " FROM schema_migrations WHERE status = 'APPLIED' GROUP BY domain";
            expected.put("Average migration duration by domain",
                    byKey(connection, "SELECT domain, sum(execution_time_ms) / 1000.0 / count(*)" + byDomain));
            expected.put("Total migration time by domain",
                    byKey(connection, "SELECT domain, sum(execution_time_ms) / 1000.0" + byDomain));
            expected.put("Applied migrations by domain", byKey(connection, "SELECT domain, count(*)" + byDomain));
        }
        return expected;
    }

    private static double single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getDouble(1);
        }
    }

    private static Map<String, Double> byKey(Connection connection, String sql) throws SQLException {
        Map<String, Double> values = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getDouble(2));
            }
        }
        return values;
    }

    /** An instant query; each series keyed by its domain or instance label, {@code ""} when it has neither. */
    private Map<String, Double> query(String expr) throws IOException, InterruptedException {
        HttpResponse<String> response = get(this.prometheus + "/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s: %s", expr, response.body()).isEqualTo(200);
        List<Map<String, Object>> result = JsonPath.read(response.body(), "$.data.result");
        Map<String, Double> values = new TreeMap<>();
        for (Map<String, Object> series : result) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) series.get("metric");
            String key = labels.getOrDefault("domain", labels.getOrDefault("instance", ""));
            List<?> value = (List<?>) series.get("value");
            values.put(key, Double.parseDouble(value.get(1).toString()));
        }
        return values;
    }

    /** Every panel's first query, with Grafana's variables as a dashboard showing all instances sets them. */
    private static List<Panel> panels() throws IOException {
        String json = Files.readString(dashboard);
        List<Map<String, Object>> panels = JsonPath.read(json, "$.panels[*]");
        Function<String, String> variables = (expr) -> expr.replace("$instance", ".*")
            .replace("$__rate_interval", "1m")
            .replace("$__interval", "15s")
            .replace("$__range", "1h");
        List<Panel> found = new ArrayList<>();
        for (Map<String, Object> panel : panels) {
            List<String> exprs = JsonPath.read(panel, "$.targets[*].expr");
            assertThat(exprs).as("panel %s has one query", panel.get("title")).hasSize(1);
            String expr = variables.apply(exprs.get(0));
            assertThat(expr).as("every variable replaced").doesNotContain("$");
            found.add(new Panel(panel.get("title").toString(), expr));
        }
        return found;
    }

    record Panel(String title, String expr) {
    }

    private String startPrometheus() throws Exception {
        String binary = prometheusBinary();
        int port = freePort();
        Path config = this.workingDirectory.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: saferoll-sample
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(this.httpPort));
        Process process = new ProcessBuilder(binary, "--config.file=" + config,
                "--storage.tsdb.path=" + this.workingDirectory.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(this.workingDirectory.resolve("prometheus.log").toFile())
            .start();
        this.processes.add(process);
        String url = "http://127.0.0.1:" + port;
        await(process, url + "/-/ready", "prometheus.log", (body) -> true);
        return url;
    }

    private static String prometheusBinary() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("No prometheus binary on the PATH. Install Debian's package (apt-get install prometheus), as"
                + " .ci/run does.");
    }

    private Process startSample(String name) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--server.port=" + this.httpPort,
                "--sample.embedded-postgres.port=" + this.postgresPort, "--migrations.metrics.refresh-interval=1s");
        Process process = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(this.workingDirectory.resolve(name + ".log").toFile())
            .start();
        this.processes.add(process);
        await(process, sampleUrl() + "/actuator/health", name + ".log",
                (body) -> body.contains("\"status\":\"UP\""));
        return process;
    }

    private String sampleUrl() {
        return "http://127.0.0.1:" + this.httpPort;
    }

    private void await(Process process, String url, String log, Function<String, Boolean> ready) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("%s exited early:%n%s", log, log(log)).isTrue();
            try {
                HttpResponse<String> response = get(url);
                if (response.statusCode() == 200 && ready.apply(response.body())) {
                    return;
                }
            }
            catch (IOException ex) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        fail("Not ready within " + STARTUP + ": " + url + "\n" + log(log));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String log(String name) {
        try {
            return Files.readString(this.workingDirectory.resolve(name));
        }
        catch (IOException ex) {
            return "(no " + name + ")";
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
