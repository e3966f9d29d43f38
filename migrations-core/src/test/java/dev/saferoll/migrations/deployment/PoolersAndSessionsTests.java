package dev.saferoll.migrations.deployment;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.LockNotAcquiredException;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.database.MigrationLock;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPgBouncer;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The migration lock needs a session of its own, and a run hands its connection back as it found it. */
class PoolersAndSessionsTests {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void migratingThroughATransactionModePoolerIsRefusedNamingTheDirectConnectionSetting() {
        try (TestPgBouncer bouncer = TestPgBouncer.start()) {
            PGSimpleDataSource pooled = new PGSimpleDataSource();
            pooled.setUrl(bouncer.url(this.database));
            Migrations migrations = Migrations.builder()
                .dataSource(pooled)
                .migrations(TestMigration.forwardOnly("2024_01_01_100000", "Create t",
                        (connection) -> connection.execute("CREATE TABLE t (id integer)")))
                .build();

            assertThatExceptionOfType(MigrationException.class).isThrownBy(migrations::migrate)
                .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.LOCK_NOT_ACQUIRED))
                .withMessageContaining("PgBouncer in transaction mode")
                .withMessageContaining("migrations.datasource.url");
            assertThat(this.database.tableExists("t")).isFalse();
            assertThat(Database.of(Dialect.POSTGRESQL).lock(this.database.dataSource(), "public", "schema_migrations")
                .holder()).as("no advisory lock is left on a pooled server session").isEmpty();

            Migrations direct = Migrations.builder()
                .dataSource(this.database.dataSource())
                .migrations(migrations.getMigrations())
                .build();
            assertThat(direct.migrate().count()).isEqualTo(1);
        }
    }

    @Test
    void aRunThatDoesNotGetTheLockLeavesNoSettingOnItsConnection() throws SQLException {
        KeepingDataSource keeping = new KeepingDataSource(this.database.dataSource());
        MigrationLock lock = Database.of(Dialect.POSTGRESQL)
            .lock(this.database.dataSource(), "public", "schema_migrations");
        try (MigrationLock.Held held = lock.acquire(Duration.ZERO)) {
            Migrations migrations = Migrations.builder()
                .dataSource(keeping)
                .lockWaitTimeout(Duration.ofMillis(200))
                .lockTimeout(Duration.ofSeconds(3))
                .statementTimeout(Duration.ofSeconds(4))
                .migrations(TestMigration.forwardOnly("2024_01_01_100000", "Create t",
                        (connection) -> connection.execute("CREATE TABLE t (id integer)")))
                .build();
            assertThatExceptionOfType(LockNotAcquiredException.class).isThrownBy(migrations::migrate);
        }
        for (Connection connection : keeping.connections) {
            assertThat(setting(connection, "lock_timeout")).isEqualTo("0");
            assertThat(setting(connection, "statement_timeout")).isEqualTo("0");
            assertThat(connection.getAutoCommit()).isTrue();
            connection.close();
        }
        assertThat(keeping.connections).isNotEmpty();
    }

    @Test
    void aRunThatMigratesResetsItsSettingsBeforeItsConnectionGoesBack() throws SQLException {
        KeepingDataSource keeping = new KeepingDataSource(this.database.dataSource());
        Migrations migrations = Migrations.builder()
            .dataSource(keeping)
            .lockTimeout(Duration.ofSeconds(3))
            .migrations(TestMigration.forwardOnly("2024_01_01_100000", "Create t",
                    (connection) -> connection.execute("CREATE TABLE t (id integer)")))
            .build();
        assertThat(migrations.migrate().count()).isEqualTo(1);
        for (Connection connection : keeping.connections) {
            assertThat(setting(connection, "lock_timeout")).isEqualTo("0");
            assertThat(setting(connection, "client_connection_check_interval")).isEqualTo("0");
            connection.close();
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT setting FROM pg_settings WHERE name = '" + name + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Keeps the physical connections the run "closes", as a pool would, so a test can look at them afterwards. */
    private static final class KeepingDataSource extends org.postgresql.ds.PGSimpleDataSource {

        private final DataSource delegate;

        private final List<Connection> connections = new ArrayList<>();

        KeepingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection physical = this.delegate.getConnection();
            this.connections.add(physical);
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { Connection.class }, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(physical, args);
                        }
                        catch (java.lang.reflect.InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }
    }
}
