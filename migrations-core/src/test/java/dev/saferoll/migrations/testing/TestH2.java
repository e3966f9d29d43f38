package dev.saferoll.migrations.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;

import dev.saferoll.migrations.Dialect;

/**
 * H2 databases for tests, each new and empty. {@link #createDatabase()} gives an embedded in-memory database, for
 * tests in this JVM. {@link #createServerDatabase()} gives one behind H2's TCP server, started once per JVM, so that
 * other JVMs can share it, as application instances would.
 */
public final class TestH2 {

    private static Server server;

    private TestH2() {
    }

    /** A new in-memory database of this JVM; {@link TestDatabase#close()} drops it. */
    public static TestDatabase createDatabase() {
        return createDatabase(newName());
    }

    /** A new in-memory database served over TCP by this JVM, for launchers in other JVMs. */
    public static TestDatabase createServerDatabase() {
        String name = newName();
        // Created in this JVM, where the server runs: a remote client may only open a database that exists.
        TestDatabase local = createDatabase(name);
        local.execute("SELECT 1");
        return database(name, "jdbc:h2:tcp://127.0.0.1:" + server().getPort() + "/mem:" + name, local);
    }

    private static TestDatabase createDatabase(String name) {
        return database(name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    private static TestDatabase database(String name, String url) {
        return new TestDatabase(name, url, dataSource(url), "SA", Dialect.H2, () -> shutdown(url));
    }

    private static TestDatabase database(String name, String url, TestDatabase local) {
        return new TestDatabase(name, url, dataSource(url), "SA", Dialect.H2, local::close);
    }

    /** A data source for an H2 JDBC URL, as user {@code sa}. */
    public static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }

    private static synchronized Server server() {
        if (server == null) {
            try {
                server = Server.createTcpServer("-tcpPort", "0").start();
            }
            catch (SQLException ex) {
                throw new IllegalStateException("Could not start H2's TCP server", ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    private static String newName() {
        return "saferoll_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toLowerCase(Locale.ROOT);
    }

    private static void shutdown(String url) {
        try (Connection connection = dataSource(url).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not drop H2 database " + url, ex);
        }
    }
}
