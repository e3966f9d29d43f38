package dev.saferoll.migrations.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import dev.saferoll.migrations.testing.TestDatabase;

/**
 * Connections whose statements reach the server as one simple-protocol query, exactly as written. pgjdbc splits a
 * multi-statement string itself in its default (extended) mode; with {@code preferQueryMode=simple} and no bind
 * values it sends the whole string in one Query message, which the server splits. The tests check this with
 * {@code current_query()}, which returns the whole message.
 */
final class SimpleQueryProtocol {

    private SimpleQueryProtocol() {
    }

    static Connection connect(TestDatabase database) throws SQLException {
        String url = database.url();
        return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "preferQueryMode=simple");
    }

    /** A statement that leaves JDBC escapes such as {fn ...} alone. */
    static Statement statement(Connection connection) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setEscapeProcessing(false);
        return statement;
    }
}
