package dev.saferoll.migrations.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.schema.TableName;

/**
 * A fresh database of its own, for one test class: PostgreSQL ({@link TestPostgres}), MariaDB ({@link TestMariaDb})
 * or H2 ({@link TestH2}). Close it to drop it.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;

    private final String url;

    private final DataSource dataSource;

    private final String user;

    private final Dialect dialect;

    private final Runnable drop;

    TestDatabase(String name, String url) {
        this(name, url, TestPostgres.dataSource(url));
    }

    private TestDatabase(String name, String url, PGSimpleDataSource dataSource) {
        this(name, url, dataSource, dataSource.getUser(), Dialect.POSTGRESQL, () -> TestPostgres.dropDatabase(name));
    }

    TestDatabase(String name, String url, DataSource dataSource, String user, Dialect dialect, Runnable drop) {
        this.name = name;
        this.url = url;
        this.dataSource = dataSource;
        this.user = user;
        this.dialect = dialect;
        this.drop = drop;
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
        return this.user;
    }

    public DataSource dataSource() {
        return this.dataSource;
    }

    /** The dialect of the database. */
    public Dialect dialect() {
        return this.dialect;
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

    /** Whether a table exists in the public schema (PostgreSQL) or the connection's schema. */
    public boolean tableExists(String table) {
        if (this.dialect == Dialect.POSTGRESQL) {
            return !queryForStrings("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' "
                    + "AND table_name = '" + table.replace("'", "''") + "'").isEmpty();
        }
        try (Connection connection = this.dataSource.getConnection()) {
            return Database.of(this.dialect).tableExists(connection, TableName.of(table));
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not look up table " + table, ex);
        }
    }

    /** The columns of a table, in order; in lower case on H2, as migrations name them. */
    public List<String> columns(String table) {
        if (this.dialect == Dialect.POSTGRESQL) {
            return queryForStrings("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    + "AND table_name = '" + table.replace("'", "''") + "' ORDER BY ordinal_position");
        }
        try (Connection connection = this.dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM "
                        + "information_schema.columns WHERE table_schema = ? AND table_name = ? "
                        + "ORDER BY ordinal_position")) {
            statement.setString(1, Database.of(this.dialect).currentSchema(connection));
            statement.setString(2, this.dialect.storedName(table));
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1);
                    columns.add((this.dialect == Dialect.H2) ? column.toLowerCase(Locale.ROOT) : column);
                }
            }
            return columns;
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not read the columns of " + table, ex);
        }
    }

    @Override
    public void close() {
        this.drop.run();
    }
}
