package dev.saferoll.migrations.testing;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.saferoll.migrations.internal.JdbcMigrationConnection;
import dev.saferoll.migrations.schema.grammar.Dialect;

/**
 * For tests that drive a {@link JdbcMigrationConnection} directly, without the runner: one database per test class,
 * emptied before each test, and a fresh autocommit connection for each test.
 */
public abstract class MigrationConnectionTestBase {

    protected static TestDatabase database;

    protected Connection jdbc;

    protected JdbcMigrationConnection connection;

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
        this.connection = new JdbcMigrationConnection(this.jdbc, Dialect.POSTGRESQL);
        this.connection.execute(Dialect.POSTGRESQL.grammar().dropAllObjects("public").get(0));
    }

    @AfterEach
    void disconnect() throws SQLException {
        this.jdbc.close();
    }
}
