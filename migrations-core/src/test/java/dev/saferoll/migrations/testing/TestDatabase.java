package dev.saferoll.migrations.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database of its own, for one test class. Close it to drop it.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;

    private final String url;

    private final PGSimpleDataSource dataSource;

    TestDatabase(String name, String url) {
        this.name = name;
        this.url = url;
        this.dataSource = TestPostgres.dataSource(url);
    }

    public String name() {
        return this.name;
    }

    /** The JDBC URL, user included. */
    public String url() {
        return this.url;
    }

    /** The JDBC URL without parameters, for Spring's {@code spring.datasource.url}. */
    public String plainUrl() {
        int question = this.url.indexOf('?');
        return (question >= 0) ? this.url.substring(0, question) : this.url;
    }

    public String user() {
        return this.dataSource.getUser();
    }

    public DataSource dataSource() {
        return this.dataSource;
    }

    /** Runs one statement, for test setup. */
    public void execute(String sql) {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Failed: " + sql, ex);
        }
    }

    /** Runs a query and returns the first column of every row as text. */
    public List<String> queryForStrings(String sql) {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Failed: " + sql, ex);
        }
    }

    /** Runs a query that returns one number. */
    public long queryForLong(String sql) {
        List<String> values = queryForStrings(sql);
        return Long.parseLong(values.get(0));
    }

    /** Whether a table exists in the public schema. */
    public boolean tableExists(String table) {
        return !queryForStrings("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_name = '" + table.replace("'", "''") + "'").isEmpty();
    }

    /** The columns of a table, in order. */
    public List<String> columns(String table) {
        return queryForStrings("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name = '" + table.replace("'", "''") + "' ORDER BY ordinal_position");
    }

    @Override
    public void close() {
        TestPostgres.dropDatabase(this.name);
    }
}
