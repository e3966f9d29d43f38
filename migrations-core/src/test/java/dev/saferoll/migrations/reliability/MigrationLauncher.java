package dev.saferoll.migrations.reliability;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migrations;

/**
 * Runs one migrate in its own JVM, as an application instance would: {@code MigrationLauncher <jdbc-url> <scenario>}.
 * The system property {@code saferoll.test.fault} names a {@link FaultInjectingDataSource} point to halt at.
 * Prints {@code RESULT applied=N} and exits 0, or {@code RESULT failed=message} and exits 1. A shutdown hook makes
 * SIGTERM wait for the running migrate to finish, as the starter should on context close.
 */
public final class MigrationLauncher {

    private MigrationLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(args[0]);
        String fault = System.getProperty("saferoll.test.fault");
        DataSource dataSource = (fault != null) ? FaultInjectingDataSource.wrap(postgres, fault) : postgres;
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
}
