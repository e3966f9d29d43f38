package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMariaDb;

class MariaDbDatabaseConformanceTests extends DatabaseConformanceTests {

    private TestDatabase testDatabase;

    @Override
    protected void createDatabase() {
        this.testDatabase = TestMariaDb.createDatabase();
    }

    @Override
    protected void dropDatabase() {
        this.testDatabase.close();
    }

    @Override
    protected Dialect dialect() {
        return Dialect.MARIADB;
    }

    @Override
    protected DataSource dataSource() {
        return this.testDatabase.dataSource();
    }

    @Override
    protected long effectiveLockTimeoutMillis(Duration timeout) {
        return (timeout.toMillis() + 999) / 1000 * 1000;
    }

    @Override
    protected String dropSchemaStatement(String quotedSchema) {
        return "DROP DATABASE IF EXISTS " + quotedSchema;
    }

    @Override
    protected boolean scopesSettingsToTransactions() {
        return false;
    }

    @Override
    protected long lockTimeoutMillis(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT @@SESSION.lock_wait_timeout")) {
            rows.next();
            return rows.getLong(1) * 1000;
        }
    }

    @Override
    protected String rewritingStatement() {
        return "ALTER TABLE conformance_old MODIFY COLUMN name text";
    }

    @Override
    protected void createObjectsOfEveryKind(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE people (id bigint AUTO_INCREMENT PRIMARY KEY, name varchar(20))");
        statement.execute("CREATE TABLE pets (id bigint PRIMARY KEY, owner_id bigint, "
                + "FOREIGN KEY (owner_id) REFERENCES people (id))");
        statement.execute("CREATE SEQUENCE free_standing");
        statement.execute("CREATE VIEW named_people AS SELECT id FROM people WHERE name IS NOT NULL");
        statement.execute("CREATE FUNCTION add_one(x integer) RETURNS integer DETERMINISTIC RETURN x + 1");
        statement.execute("CREATE PROCEDURE noop() SELECT 1");
    }

    @Override
    protected long countObjects(Connection connection, String schema) throws SQLException {
        String sql = "SELECT (SELECT count(*) FROM information_schema.tables WHERE table_schema = ?) "
                + "+ (SELECT count(*) FROM information_schema.routines WHERE routine_schema = ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    protected void terminateOtherSessions(Connection connection) throws SQLException {
        List<Long> others = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM information_schema.processlist "
                        + "WHERE db = DATABASE() AND id <> CONNECTION_ID()")) {
            while (rows.next()) {
                others.add(rows.getLong(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (long id : others) {
                statement.execute("KILL " + id);
            }
        }
    }
}
