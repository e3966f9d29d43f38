package dev.saferoll.migrations.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Finds a real PostgreSQL for tests, in the order DESIGN.md gives: {@code MIGRATIONS_TEST_POSTGRES_URL} (a JDBC URL
 * with user, such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), otherwise one embedded PostgreSQL
 * per JVM. Each {@link #createDatabase()} gives a new, empty database, so test classes never see each other's tables.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "MIGRATIONS_TEST_POSTGRES_URL";

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private static String serverUrl;

    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** A JDBC URL (with user) of the server's maintenance database. */
    public static synchronized String serverUrl() {
        if (serverUrl == null) {
            String fromEnvironment = System.getenv(URL_VARIABLE);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                serverUrl = fromEnvironment.trim();
            }
            else {
                try {
                    embedded = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::closeEmbedded));
                }
                catch (IOException ex) {
                    throw new UncheckedIOException("Could not start embedded PostgreSQL; set " + URL_VARIABLE
                            + " to a PostgreSQL JDBC URL instead", ex);
                }
                serverUrl = embedded.getJdbcUrl("postgres", "postgres");
            }
        }
        return serverUrl;
    }

    /** Creates a new, empty database and returns it; {@link TestDatabase#close()} drops it. */
    public static TestDatabase createDatabase() {
        String name = "saferoll_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
            .toLowerCase(Locale.ROOT);
        try (Connection connection = dataSource(serverUrl()).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + name + " on " + serverUrl(), ex);
        }
        return new TestDatabase(name, withDatabase(serverUrl(), name));
    }

    static void dropDatabase(String name) {
        try (Connection connection = dataSource(serverUrl()).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not drop test database " + name, ex);
        }
    }

    static String withDatabase(String url, String database) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalStateException(URL_VARIABLE + " must look like "
                    + "jdbc:postgresql://host:port/database?user=name, but was " + url);
        }
        return matcher.group(1) + database + ((matcher.group(3) != null) ? matcher.group(3) : "");
    }

    static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        if (dataSource.getUser() == null || dataSource.getUser().isEmpty()) {
            dataSource.setUser("postgres");
        }
        return dataSource;
    }

    private static void closeEmbedded() {
        try {
            if (embedded != null) {
                embedded.close();
            }
        }
        catch (IOException ex) {
            // The JVM is going away; nothing useful to do.
        }
    }
}
