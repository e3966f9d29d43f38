package dev.saferoll.migrations.runner;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConnectRetriesTests {

    @Test
    void retriesUntilTheDatabaseAnswers() {
        try (TestDatabase database = TestPostgres.createDatabase()) {
            AtomicInteger attempts = new AtomicInteger();
            Migrations migrations = Migrations.builder()
                .dataSource(failingFirst(database.dataSource(), 2, attempts))
                .connectRetries(3)
                .connectRetriesInterval(Duration.ofMillis(10))
                .build();
            assertThat(migrations.migrate().count()).isZero();
            assertThat(attempts).hasValue(3);
        }
    }

    @Test
    void givesUpAfterTheLastAttemptSayingWhatToCheck() {
        AtomicInteger attempts = new AtomicInteger();
        Migrations migrations = Migrations.builder()
            .dataSource(failingFirst(null, Integer.MAX_VALUE, attempts))
            .connectRetries(2)
            .connectRetriesInterval(Duration.ofMillis(10))
            .build();
        assertThatExceptionOfType(MigrationException.class).isThrownBy(migrations::migrate)
            .withMessageContaining("Could not connect to the database after 3 attempts: database is down")
            .withMessageContaining("migrations.connect-retries")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.CONNECTION_FAILED));
        assertThat(attempts).hasValue(3);
    }

    private static DataSource failingFirst(DataSource real, int failures, AtomicInteger attempts) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (attempts.incrementAndGet() <= failures) {
                            throw new SQLException("database is down", "08001");
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
    }
}
