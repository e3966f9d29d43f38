package dev.saferoll.migrations.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mariadb.jdbc.MariaDbDataSource;

import dev.saferoll.migrations.Dialect;

/**
 * Finds the MariaDB server for tests: {@code MIGRATIONS_TEST_MARIADB_URL} (a JDBC URL with user, such as
 * {@code jdbc:mariadb://127.0.0.1:3306/?user=root}), by default that very URL. Each {@link #createDatabase()} gives
 * a new, empty database, so test classes never see each other's tables. Unlike PostgreSQL there is no embedded
 * fallback: {@code .ci/run} starts the machine's MariaDB when it is down.
 */
public final class TestMariaDb {

    public static final String URL_VARIABLE = "MIGRATIONS_TEST_MARIADB_URL";

    private static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/?user=root";

    private static final Pattern URL = Pattern.compile("(jdbc:(?:mariadb|mysql)://[^/?]+/?)([^?]*)(\\?.*)?");

    private TestMariaDb() {
    }

    /** A JDBC URL (with user) of the server, without a database. */
    public static String serverUrl() {
        String fromEnvironment = System.getenv(URL_VARIABLE);
        return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment.trim() : DEFAULT_URL;
    }

    /** Creates a new, empty database and returns it; {@link TestDatabase#close()} drops it. */
    public static TestDatabase createDatabase() {
        String name = "saferoll_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toLowerCase(Locale.ROOT);
        execute(serverUrl(), "CREATE DATABASE " + name);
        String url = withDatabase(serverUrl(), name);
        MariaDbDataSource dataSource = dataSource(url);
        return new TestDatabase(name, url, dataSource, userOf(url), Dialect.MARIADB,
                () -> execute(serverUrl(), "DROP DATABASE IF EXISTS " + name));
    }

    static String withDatabase(String url, String database) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalStateException(URL_VARIABLE + " must look like jdbc:mariadb://host:port/?user=name, "
                    + "but was " + url);
        }
        String server = matcher.group(1).endsWith("/") ? matcher.group(1) : matcher.group(1) + "/";
        return server + database + ((matcher.group(3) != null) ? matcher.group(3) : "");
    }

    /** A data source for a MariaDB JDBC URL that names its user. */
    public static MariaDbDataSource dataSource(String url) {
        try {
            return new MariaDbDataSource(url);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Invalid MariaDB URL " + url, ex);
        }
    }

    private static String userOf(String url) {
        Matcher matcher = Pattern.compile("[?&]user=([^&]*)").matcher(url);
        return matcher.find() ? matcher.group(1) : "root";
    }

    private static void execute(String url, String sql) {
        try (Connection connection = dataSource(url).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + url + "; is MariaDB running? "
                    + ".ci/run starts it, or set " + URL_VARIABLE, ex);
        }
    }
}
