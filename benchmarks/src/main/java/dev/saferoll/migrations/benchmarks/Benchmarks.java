package dev.saferoll.migrations.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.benchmarks.Harness.Contestant;
import dev.saferoll.migrations.benchmarks.Harness.Result;
import dev.saferoll.migrations.benchmarks.Harness.Trial;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

/**
 * The benchmark scenarios of docs/benchmarks.md. System properties: {@code bench.scenarios} (1 to 7),
 * {@code bench.rounds}, {@code bench.sizes1}, {@code bench.sizes2}, {@code bench.sizes3}, {@code bench.tenants},
 * {@code bench.parallelism}, {@code bench.statusTenants}, {@code bench.output}.
 */
public final class Benchmarks {

    private static final String SAFEROLL = "Saferoll";

    private final StringBuilder report = new StringBuilder();

    private final Harness harness;

    private Benchmarks(int rounds) {
        this.harness = new Harness(rounds, this.report);
    }

    public static void main(String[] args) throws Exception {
        List<String> scenarios = List.of(System.getProperty("bench.scenarios", "1,2,3,4,5,6,7").split(","));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", "3"));
        Benchmarks benchmarks = new Benchmarks(rounds);
        long start = System.nanoTime();
        benchmarks.report.append(String.format(Locale.ROOT, "Rounds per size: %d (after one warm-up round). "
                + "PostgreSQL: %s. JDK: %s. Cores: %d.%n", rounds, serverVersion(),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors()));
        if (scenarios.contains("1")) {
            benchmarks.startupNothingPending(sizes("bench.sizes1", "100,1000,5000"));
        }
        if (scenarios.contains("2")) {
            benchmarks.applyMigrations(sizes("bench.sizes2", "250,500,1000"));
        }
        if (scenarios.contains("3")) {
            benchmarks.status(sizes("bench.sizes3", "100,1000,5000"));
        }
        if (scenarios.contains("4")) {
            benchmarks.databaseSize(List.of(10, 5000));
        }
        TenantBenchmarks tenants = new TenantBenchmarks(benchmarks.report);
        if (scenarios.contains("5")) {
            tenants.fanOut(Integer.getInteger("bench.tenants", 500), 20, Integer.getInteger("bench.parallelism", 4));
        }
        if (scenarios.contains("6")) {
            tenants.status(Integer.getInteger("bench.statusTenants", 2000), 20);
        }
        if (scenarios.contains("7")) {
            benchmarks.drift(1000);
        }
        benchmarks.report.append(String.format(Locale.ROOT, "%nTotal run time: %.1f min.%n",
                (System.nanoTime() - start) / 60e9));
        String output = System.getProperty("bench.output", "benchmark-results.md");
        Files.writeString(Path.of(output), benchmarks.report);
        Harness.log("\nResults written to " + output);
        System.exit(0);
    }

    private static List<Integer> sizes(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim)
            .map(Integer::parseInt).toList();
    }

    private static String serverVersion() throws Exception {
        try (TestDatabase database = TestPostgres.createDatabase()) {
            return database.queryForStrings("SHOW server_version").get(0);
        }
    }

    // Scenario 1: N applied, 0 pending.
    private void startupNothingPending(List<Integer> sizes) throws Exception {
        Map<Integer, Map<String, Result>> results = this.harness.run(
                "Scenario 1: migrate() with N applied and nothing pending", sizes, List.of(
                        contestant(SAFEROLL, (n) -> {
                            Fixture fixture = saferollApplied(n);
                            Migrations migrations = fixture.migrations(Workloads.saferollNoOps(n));
                            return fixture.trial(() -> {
                                MigrateResult result = migrations.migrate();
                                check(result.migrations().isEmpty(), "Saferoll found pending migrations");
                            });
                        }),
                        contestant(Harness.FLYWAY, (n) -> {
                            Fixture fixture = new Fixture();
                            Flyway flyway = fixture.flyway(Workloads.flywayNoOps(n));
                            flyway.migrate();
                            return fixture.trial(() -> check(flyway.migrate().migrationsExecuted == 0,
                                    "Flyway found pending migrations"));
                        }),
                        contestant(Harness.RAW, (n) -> {
                            Fixture fixture = saferollApplied(n);
                            return fixture.trial(() -> check(readHistory(fixture.counting) == n,
                                    "raw floor read the wrong number of rows"));
                        })));
        roundTripsConstant(results);
    }

    // Scenario 3: status with N history rows.
    private void status(List<Integer> sizes) throws Exception {
        this.harness.run("Scenario 3: status with N history rows (Flyway: info())", sizes, List.of(
                contestant(SAFEROLL, (n) -> {
                    Fixture fixture = saferollApplied(n);
                    Migrations migrations = fixture.migrations(Workloads.saferollNoOps(n));
                    return fixture.trial(() -> check(migrations.status().entries().size() == n,
                            "Saferoll status has the wrong number of entries"));
                }),
                contestant(Harness.FLYWAY, (n) -> {
                    Fixture fixture = new Fixture();
                    Flyway flyway = fixture.flyway(Workloads.flywayNoOps(n));
                    flyway.migrate();
                    return fixture.trial(() -> check(flyway.info().applied().length == n,
                            "Flyway info has the wrong number of entries"));
                }),
                contestant(Harness.RAW, (n) -> {
                    Fixture fixture = saferollApplied(n);
                    return fixture.trial(() -> check(readHistory(fixture.counting) == n,
                            "raw floor read the wrong number of rows"));
                })));
    }

    // Scenario 2: apply N table migrations and one data migration.
    private void applyMigrations(List<Integer> sizes) throws Exception {
        List<String> sizeNotes = new ArrayList<>();
        this.harness.run("Scenario 2: apply N migrations (table + index each) and one 1,000-row data migration",
                sizes, List.of(
                        contestant(SAFEROLL, (n) -> {
                            Fixture fixture = new Fixture();
                            Migrations migrations = fixture.migrations(Workloads.saferollTables(n));
                            return fixture.trial(() -> {
                                MigrateResult result = migrations.migrate();
                                check(result.migrations().size() == n + 1, "Saferoll applied the wrong count");
                                recordSizes(n, result, sizeNotes);
                            });
                        }),
                        contestant(Harness.FLYWAY, (n) -> {
                            Fixture fixture = new Fixture();
                            Flyway flyway = fixture.flyway(Workloads.flywayTables(n));
                            return fixture.trial(() -> check(flyway.migrate().migrationsExecuted == n + 1,
                                    "Flyway applied the wrong count"));
                        }),
                        contestant(Harness.RAW, (n) -> {
                            Fixture fixture = new Fixture();
                            List<List<String>> statements = Workloads.statements(n);
                            return fixture.trial(() -> applyRaw(fixture.counting, statements));
                        })));
        StringBuilder notes = new StringBuilder("\nSaferoll's history rows of the last round (every row has its "
                + "execution time and database size):\n\n");
        sizeNotes.forEach((note) -> notes.append("- ").append(note).append('\n'));
        Harness.log(notes.toString());
        this.report.append(notes);
    }

    // Scenario 4: the cost of the database size query.
    private void databaseSize(List<Integer> tableCounts) throws Exception {
        Database postgres = Database.of(Dialect.POSTGRESQL);
        StringBuilder out = new StringBuilder("\n### Scenario 4: database size measurement, per query\n\n"
                + "| tables | query | median ms | min ms | max ms |\n|--:|:--|--:|--:|--:|\n");
        Harness.log("== Scenario 4");
        for (int tables : tableCounts) {
            try (TestDatabase database = TestPostgres.createDatabase()) {
                try (Connection connection = database.dataSource().getConnection();
                        Statement statement = connection.createStatement()) {
                    for (int i = 1; i <= tables; i++) {
                        for (String sql : Workloads.createTable(new dev.saferoll.migrations.schema.Schema(Dialect.POSTGRESQL), i).toSql()) {
                            statement.execute(sql);
                        }
                    }
                }
                List<Measurement> queries = List.of(
                        new Measurement("scrape floor: SELECT 1", (connection) -> {
                            try (Statement statement = connection.createStatement();
                                    ResultSet rows = statement.executeQuery("SELECT 1")) {
                                rows.next();
                            }
                        }),
                        new Measurement("Database.databaseSize (pg_database_size)", postgres::databaseSize),
                        new Measurement("Database.relationMark", postgres::relationMark));
                List<List<Long>> times = new ArrayList<>();
                queries.forEach((query) -> times.add(new ArrayList<>()));
                try (Connection connection = database.dataSource().getConnection()) {
                    for (int round = 0; round < 21; round++) {
                        for (int q = 0; q < queries.size(); q++) {
                            long start = System.nanoTime();
                            queries.get(q).query().run(connection);
                            if (round > 0) {
                                times.get(q).add(System.nanoTime() - start);
                            }
                        }
                    }
                }
                for (int q = 0; q < queries.size(); q++) {
                    Result result = new Result(queries.get(q).name(), tables, times.get(q), -1);
                    out.append(String.format(Locale.ROOT, "| %,d | %s | %.2f | %.2f | %.2f |%n", tables,
                            result.contestant(), result.median(), result.min(), result.max()));
                }
            }
        }
        Harness.log(out.toString());
        this.report.append(out);
    }

    // Scenario 7: drift detection over a schema of many tables.
    private void drift(int tables) throws Exception {
        Harness.log("== Scenario 7: drift comparison at " + tables + " tables");
        try (TestDatabase database = TestPostgres.createDatabase()) {
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                for (int i = 1; i <= tables; i++) {
                    for (String sql : Workloads.createTable(new dev.saferoll.migrations.schema.Schema(Dialect.POSTGRESQL),
                            i).toSql()) {
                        statement.execute(sql);
                    }
                }
            }
            Migrations migrations = Migrations.builder()
                .dataSource(database.dataSource())
                .migrations(Workloads.saferollNoOps(1))
                .build();
            long start = System.nanoTime();
            migrations.migrate();
            double recordMillis = (System.nanoTime() - start) / 1e6;
            List<Long> compare = new ArrayList<>();
            for (int round = 0; round < 11; round++) {
                long began = System.nanoTime();
                check(migrations.drift().map((drift) -> !drift.isDrifted()).orElse(false), "drift without a change");
                if (round > 0) {
                    compare.add(System.nanoTime() - began);
                }
            }
            database.execute("ALTER TABLE " + Workloads.table(500) + " ADD COLUMN added_by_hand text");
            long began = System.nanoTime();
            List<String> differences = migrations.drift().orElseThrow().differences();
            double drifted = (System.nanoTime() - began) / 1e6;
            check(differences.size() == 1, "expected one difference but got " + differences);
            long snapshotBytes = database.queryForLong("SELECT length(snapshot) FROM schema_migrations_schema");
            Result result = new Result("drift()", tables, compare, -1);
            String out = String.format(Locale.ROOT, "%n### Scenario 7: schema drift at %,d tables (each with an index)"
                    + "%n%n| step | ms |%n|:--|--:|%n| first run: migrate one migration and record the schema | %.1f |%n"
                    + "| drift(), nothing changed (median of 10; min %.1f, max %.1f) | %.1f |%n"
                    + "| drift(), one column added by hand: `%s` | %.1f |%n%nThe recorded snapshot takes %,d bytes in "
                    + "`schema_migrations_schema`. The status service compares at most once per "
                    + "`migrations.metrics.refresh-interval` (60 s by default).%n", tables, recordMillis,
                    result.min(), result.max(), result.median(), differences.get(0), drifted, snapshotBytes);
            Harness.log(out);
            this.report.append(out);
        }
    }

    private static void recordSizes(int n, MigrateResult result, List<String> notes) {
        List<MigrationOutcome> outcomes = result.migrations();
        long missing = outcomes.stream()
            .filter((outcome) -> outcome.sizeBeforeBytes() == null || outcome.sizeAfterBytes() == null)
            .count();
        check(missing == 0, missing + " outcomes have no database size");
        MigrationOutcome last = outcomes.get(outcomes.size() - 1);
        String note = String.format(Locale.ROOT, "N = %,d: database size %,d → %,d bytes; data migration %d ms "
                + "(%,d → %,d bytes); sum of recorded execution times %,d ms", n, outcomes.get(0).sizeBeforeBytes(),
                last.sizeAfterBytes(), last.executionTime().toMillis(), last.sizeBeforeBytes(), last.sizeAfterBytes(),
                outcomes.stream().mapToLong((outcome) -> outcome.executionTime().toMillis()).sum());
        notes.removeIf((existing) -> existing.startsWith(String.format(Locale.ROOT, "N = %,d:", n)));
        notes.add(note);
    }

    private static void roundTripsConstant(Map<Integer, Map<String, Result>> results) {
        List<Long> trips = results.values().stream().map((bySize) -> bySize.get(SAFEROLL).roundTrips()).toList();
        Harness.log("Saferoll round trips per size: " + trips
                + (trips.stream().distinct().count() == 1 ? " (constant)" : " (NOT constant)"));
    }

    private static Fixture saferollApplied(int n) throws Exception {
        Fixture fixture = new Fixture();
        Migrations migrations = fixture.migrations(Workloads.saferollNoOps(n));
        migrations.baseline(Workloads.version(n));
        return fixture;
    }

    private static int readHistory(CountingDataSource dataSource) throws Exception {
        int rows = 0;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM schema_migrations ORDER BY id")) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int i = 1; i <= columns; i++) {
                    result.getObject(i);
                }
                rows++;
            }
        }
        return rows;
    }

    private static void applyRaw(CountingDataSource dataSource, List<List<String>> migrations) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE raw_history (id bigserial PRIMARY KEY, version integer NOT NULL, "
                        + "applied_at timestamptz NOT NULL DEFAULT now(), execution_time_ms bigint NOT NULL)");
            }
            try (PreparedStatement history = connection
                .prepareStatement("INSERT INTO raw_history (version, execution_time_ms) VALUES (?, ?)")) {
                int version = 0;
                for (List<String> migration : migrations) {
                    long start = System.nanoTime();
                    connection.setAutoCommit(false);
                    try (Statement statement = connection.createStatement()) {
                        for (String sql : migration) {
                            statement.execute(sql);
                        }
                    }
                    history.setInt(1, ++version);
                    history.setLong(2, (System.nanoTime() - start) / 1_000_000);
                    history.executeUpdate();
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static Contestant contestant(String name, TrialFactory factory) {
        return new Contestant() {

            @Override
            public String name() {
                return name;
            }

            @Override
            public Trial prepare(int n) throws Exception {
                return factory.prepare(n);
            }
        };
    }

    @FunctionalInterface
    private interface TrialFactory {

        Trial prepare(int n) throws Exception;
    }

    private record Measurement(String name, Query query) {
    }

    @FunctionalInterface
    private interface Query {

        void run(Connection connection) throws Exception;
    }

    @FunctionalInterface
    private interface Work {

        void run() throws Exception;
    }

    /** A fresh database behind a warmed-up Hikari pool, counted. */
    private static final class Fixture {

        private static final int POOL_SIZE = 4;

        final TestDatabase database;

        final HikariDataSource pool;

        final CountingDataSource counting;

        Fixture() throws Exception {
            this.database = TestPostgres.createDatabase();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(this.database.url());
            config.setMaximumPoolSize(POOL_SIZE);
            config.setMinimumIdle(POOL_SIZE);
            this.pool = new HikariDataSource(config);
            try (Connection first = this.pool.getConnection(); Connection second = this.pool.getConnection()) {
                first.isValid(1);
                second.isValid(1);
            }
            this.counting = new CountingDataSource(this.pool);
        }

        Migrations migrations(List<dev.saferoll.migrations.Migration> migrations) {
            return Migrations.builder().dataSource(this.counting).migrations(migrations).build();
        }

        Flyway flyway(JavaMigration[] migrations) {
            return Flyway.configure().dataSource(this.counting).javaMigrations(migrations).load();
        }

        // Hikari opens its idle connections in the background; a backend still being forked while a contestant is
        // timed would charge that contestant for it.
        private void awaitFullPool() throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (this.pool.getHikariPoolMXBean().getIdleConnections() < POOL_SIZE && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

        Trial trial(Work work) throws InterruptedException {
            awaitFullPool();
            return new Trial() {

                @Override
                public long run() throws Exception {
                    counting.reset();
                    work.run();
                    return counting.count();
                }

                @Override
                public void close() throws Exception {
                    pool.close();
                    database.close();
                }
            };
        }
    }
}
