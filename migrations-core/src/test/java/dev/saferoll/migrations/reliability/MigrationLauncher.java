package dev.saferoll.migrations.reliability;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestH2;
import dev.saferoll.migrations.testing.TestMariaDb;

/**
 * Runs one migrate in its own JVM, as an application instance would: {@code MigrationLauncher <jdbc-url> <scenario>},
 * the URL of PostgreSQL, MariaDB or H2 (a TCP URL, so that the database outlives this JVM).
 * The system property {@code saferoll.test.fault} names a {@link FaultInjectingDataSource} point to halt at.
 * Prints {@code RESULT applied=N} and exits 0, or {@code RESULT failed=message} and exits 1. A shutdown hook makes
 * SIGTERM wait for the running migrate to finish, as the starter should on context close.
 */
public final class MigrationLauncher {

    private MigrationLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        DataSource database = dataSource(args[0]);
        String fault = System.getProperty("saferoll.test.fault");
        DataSource dataSource = (fault != null) ? FaultInjectingDataSource.wrap(database, fault) : database;
        Migrations migrations = Migrations.builder()
            .dataSource(dataSource)
            .migrations(ReliabilityMigrations.forScenario(args[1]))
            .lockWaitTimeout(Duration.ofMinutes(2))
            .build();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (!finished.await(60, TimeUnit.SECONDS)) {
                    System.out.println("RESULT shutdown before migrate finished");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "migrate-shutdown"));
        int code;
        try {
            MigrateResult result = migrations.migrate();
            System.out.println("RESULT applied=" + result.count());
            code = 0;
        }
        catch (RuntimeException ex) {
            System.out.println("RESULT failed=" + ex.getMessage());
            code = 1;
        }
        System.out.flush();
        finished.countDown();
        System.exit(code);
    }

    private static DataSource dataSource(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return TestH2.dataSource(url);
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return TestMariaDb.dataSource(url);
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(url);
        return postgres;
    }
}
