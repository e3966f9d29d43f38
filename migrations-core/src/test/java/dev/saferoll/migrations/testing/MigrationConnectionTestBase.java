package dev.saferoll.migrations.testing;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.database.Database;

/**
 * For tests that drive a plain {@link MigrationConnection} directly, without the runner: one database per test class,
 * emptied before each test, and a fresh autocommit connection for each test.
 */
public abstract class MigrationConnectionTestBase {

    protected static TestDatabase database;

    protected Connection jdbc;

    protected MigrationConnection connection;

    @BeforeAll
    static void createDatabase() {
        database = TestPostgres.createDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void connect() throws SQLException {
        this.jdbc = database.dataSource().getConnection();
        this.connection = MigrationConnection.of(this.jdbc, Dialect.POSTGRESQL);
        Database.of(Dialect.POSTGRESQL).dropAllObjects(this.jdbc, "public");
    }

    @AfterEach
    void disconnect() throws SQLException {
        this.jdbc.close();
    }
}
