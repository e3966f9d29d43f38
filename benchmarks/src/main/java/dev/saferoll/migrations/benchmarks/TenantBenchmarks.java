package dev.saferoll.migrations.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.tenant.MigrationTenants;
import dev.saferoll.migrations.tenant.TenantMigrations;
import dev.saferoll.migrations.tenant.TenantRun;
import dev.saferoll.migrations.tenant.TenantState;
import dev.saferoll.migrations.tenant.TenantsMigrateResult;
import dev.saferoll.migrations.tenant.TenantsStatus;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

/**
 * Scenario 5, many tenants: T schemas × M migrations (a table with an index each, and one 1,000-row data migration),
 * by Saferoll's fan-out, a sequential loop of Saferoll, and Flyway in a loop, each on a fresh database behind the same
 * pool. Scenario 6: the status of thousands of tenants, read in a JVM limited to 100 MB of heap.
 */
final class TenantBenchmarks {

    private static final int POOL_SIZE = 9;

    private final StringBuilder report;

    TenantBenchmarks(StringBuilder report) {
        this.report = report;
    }

    void fanOut(int tenants, int migrationsPerTenant, int parallelism) throws Exception {
        Harness.log("== Scenario 5: " + tenants + " tenants x " + migrationsPerTenant + " migrations");
        List<Migration> saferoll = Workloads.saferollTables(migrationsPerTenant - 1);
        JavaMigration[] flyway = Workloads.flywayTables(migrationsPerTenant - 1);
        List<Contestant> contestants = List.of(
                new Contestant("Saferoll fan-out (" + parallelism + " at a time)",
                        (pool, schemas) -> fanOut(pool, schemas, saferoll, parallelism)),
                new Contestant("Saferoll, sequential loop", (pool, schemas) -> {
                    MigrationsConfiguration base = Migrations.builder().dataSource(pool).migrations(saferoll)
                        .toConfiguration();
                    for (String schema : schemas) {
                        check(base.toBuilder().schema(schema).build().migrate().count() == migrationsPerTenant,
                                "the loop applied the wrong count in " + schema);
                    }
                }),
                new Contestant("Flyway 12, sequential loop", (pool, schemas) -> {
                    for (String schema : schemas) {
                        check(Flyway.configure().dataSource(pool).schemas(schema).javaMigrations(flyway).load()
                            .migrate().migrationsExecuted == migrationsPerTenant, "Flyway applied the wrong count");
                    }
                }));
        Harness.log("warm-up with 10 tenants each");
        for (Contestant contestant : contestants) {
            measure(contestant, 10);
        }
        List<double[]> results = new ArrayList<>();
        for (Contestant contestant : contestants) {
            double[] measured = measure(contestant, tenants);
            Harness.log(String.format(Locale.ROOT, "%s: %.1f s, at most %d connections", contestant.name(),
                    measured[0], (int) measured[1]));
            results.add(measured);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n### Scenario 5: %,d tenant schemas × %d "
                + "migrations (%,d migrations), pool of %d connections%n%n", tenants, migrationsPerTenant,
                tenants * migrationsPerTenant, POOL_SIZE));
        out.append("| contestant | seconds | tenants/s | × sequential Saferoll | × Flyway loop | "
                + "connections in use at most |\n|:--|--:|--:|--:|--:|--:|\n");
        for (int i = 0; i < contestants.size(); i++) {
            double seconds = results.get(i)[0];
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.2f | %d |%n",
                    contestants.get(i).name(), seconds, tenants / seconds, seconds / results.get(1)[0],
                    seconds / results.get(2)[0], (int) results.get(i)[1]));
        }
        out.append(String.format(Locale.ROOT, "%nSpeed-up of the fan-out over the sequential loop: %.2f×; over "
                + "Flyway's loop: %.2f×.%n", results.get(1)[0] / results.get(0)[0],
                results.get(2)[0] / results.get(0)[0]));
        Harness.log(out.toString());
        this.report.append(out);
    }

    private static void fanOut(DataSource pool, List<String> schemas, List<Migration> migrations, int parallelism) {
        TenantsMigrateResult result = TenantMigrations
            .builder(Migrations.builder().dataSource(pool).migrations(migrations).toConfiguration())
            .tenants(MigrationTenants.ofSchemas(schemas))
            .parallelism(parallelism)
            .connectionBudget(POOL_SIZE)
            .build()
            .migrateAll();
        check(result.count(TenantRun.Result.MIGRATED) == schemas.size(), "fan-out: " + result.summary());
    }

    /** Seconds and the most connections open at once. */
    private static double[] measure(Contestant contestant, int tenants) throws Exception {
        try (TestDatabase database = TestPostgres.createDatabase(); HikariDataSource pool = pool(database)) {
            GaugedDataSource gauged = new GaugedDataSource(pool);
            List<String> schemas = IntStream.rangeClosed(1, tenants).mapToObj((i) -> "tenant_" + i).toList();
            System.gc();
            long start = System.nanoTime();
            contestant.work().run(gauged, schemas);
            return new double[] { (System.nanoTime() - start) / 1e9, gauged.max.get() };
        }
    }

    void status(int tenants, int migrationsPerTenant) throws Exception {
        Harness.log("== Scenario 6: status of " + tenants + " tenants");
        try (TestDatabase database = TestPostgres.createDatabase(); HikariDataSource pool = pool(database)) {
            List<Migration> migrations = Workloads.saferollNoOps(migrationsPerTenant);
            MigrationsConfiguration base = Migrations.builder().dataSource(pool).migrations(migrations)
                .toConfiguration();
            ExecutorService executor = Executors.newFixedThreadPool(4);
            List<Future<?>> baselines = new ArrayList<>();
            for (int i = 1; i <= tenants; i++) {
                String schema = "tenant_" + i;
                baselines.add(executor.submit(() -> base.toBuilder().schema(schema).build()
                    .baseline(Workloads.version(migrationsPerTenant))));
            }
            for (Future<?> baseline : baselines) {
                baseline.get();
            }
            executor.shutdown();
            Process probe = new ProcessBuilder(javaExecutable(), "-Xmx100m",
                    "-Dlogback.configurationFile=benchmarks-logback.xml", "-cp",
                    System.getProperty("java.class.path"), StatusProbe.class.getName(), database.url(),
                    String.valueOf(tenants), String.valueOf(migrationsPerTenant))
                .redirectErrorStream(true)
                .start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = probe.waitFor();
            Harness.log(output);
            check(exit == 0, "the status probe failed (exit " + exit + "): " + output);
            String line = output.lines().filter((l) -> l.startsWith("RESULT ")).findFirst().orElseThrow();
            String[] fields = line.split(" ");
            String out = String.format(Locale.ROOT, "%n### Scenario 6: status of %,d tenants × %d applied "
                    + "migrations, in a JVM with -Xmx100m%n%n| reading | ms | heap in use after GC, MB | heap peak, MB "
                    + "|\n|:--|--:|--:|--:|\n| first | %s | %s | %s |\n| second | %s | %s | %s |%n%nThe JVM never "
                    + "exceeded its 100 MB heap; the reading held %s tenants in %s state.%n", tenants,
                    migrationsPerTenant, fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7],
                    TenantState.UP_TO_DATE);
            Harness.log(out);
            this.report.append(out);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static HikariDataSource pool(TestDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setMaximumPoolSize(POOL_SIZE);
        return new HikariDataSource(config);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private record Contestant(String name, Work work) {
    }

    @FunctionalInterface
    private interface Work {

        void run(DataSource pool, List<String> schemas) throws Exception;
    }

    /** Counts the connections open at once. */
    private static final class GaugedDataSource extends org.postgresql.ds.PGSimpleDataSource {

        private final DataSource delegate;

        private final AtomicInteger open = new AtomicInteger();

        private final AtomicInteger max = new AtomicInteger();

        GaugedDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            Connection connection = this.delegate.getConnection();
            this.max.accumulateAndGet(this.open.incrementAndGet(), Math::max);
            AtomicInteger closed = new AtomicInteger();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, arguments) -> {
                        if (method.getName().equals("close") && closed.getAndIncrement() == 0) {
                            this.open.decrementAndGet();
                        }
                        try {
                            return method.invoke(connection, arguments);
                        }
                        catch (java.lang.reflect.InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }

        @Override
        public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
            return this.delegate.unwrap(type);
        }
    }

    /** Reads every tenant's status twice in a small JVM and prints the time and heap of each reading. */
    public static final class StatusProbe {

        private StatusProbe() {
        }

        public static void main(String[] args) throws IOException {
            String url = args[0];
            int tenants = Integer.parseInt(args[1]);
            int migrations = Integer.parseInt(args[2]);
            org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
            dataSource.setURL(url);
            HikariConfig config = new HikariConfig();
            config.setDataSource(dataSource);
            config.setMaximumPoolSize(POOL_SIZE);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                TenantMigrations tenantMigrations = TenantMigrations
                    .builder(Migrations.builder().dataSource(pool).migrations(Workloads.saferollNoOps(migrations))
                        .toConfiguration())
                    .tenants(MigrationTenants.ofSchemas(IntStream.rangeClosed(1, tenants)
                        .mapToObj((i) -> "tenant_" + i)
                        .toList()))
                    .parallelism(4)
                    .connectionBudget(POOL_SIZE)
                    .build();
                StringBuilder result = new StringBuilder("RESULT");
                TenantsStatus status = null;
                for (int reading = 0; reading < 2; reading++) {
                    resetPeaks();
                    long start = System.nanoTime();
                    status = tenantMigrations.status();
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    result.append(String.format(Locale.ROOT, " %d %.1f %.1f", millis, used / 1e6, peak() / 1e6));
                    check(status.counts().get(TenantState.UP_TO_DATE) == tenants, "not every tenant is up to date: "
                            + status.counts());
                }
                System.out.println(result.append(' ').append(status.tenants().size()));
            }
        }

        private static void resetPeaks() {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        private static long peak() {
            return ManagementFactory.getMemoryPoolMXBeans()
                .stream()
                .filter((pool) -> pool.getType() == MemoryType.HEAP)
                .mapToLong((pool) -> pool.getPeakUsage().getUsed())
                .sum();
        }
    }
}
