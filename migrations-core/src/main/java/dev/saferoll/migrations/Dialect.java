package dev.saferoll.migrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A database product Saferoll supports. Its DDL comes from {@link dev.saferoll.migrations.schema.Grammar#of(Dialect)},
 * its runtime queries from {@link dev.saferoll.migrations.database.Database#of(Dialect)}. This is the one place that
 * tells which product a connection talks to.
 */
public enum Dialect {

    POSTGRESQL("PostgreSQL", '"', false),

    /**
     * H2 2.x. H2 folds unquoted names to upper case, so identifiers are quoted in upper case: {@code users} becomes
     * {@code "USERS"}, the table that unquoted SQL and Hibernate reach. Names are not supported with
     * {@code DATABASE_TO_LOWER=TRUE} or {@code DATABASE_TO_UPPER=FALSE}.
     */
    H2("H2", '"', true),

    /** MySQL 8. */
    MYSQL("MySQL", '`', false),

    /** MariaDB 10.11 and later; its grammar extends MySQL's. */
    MARIADB("MariaDB", '`', false);

    private final String displayName;

    private final char quote;

    private final boolean upperCase;

    Dialect(String displayName, char quote, boolean upperCase) {
        this.displayName = displayName;
        this.quote = quote;
        this.upperCase = upperCase;
    }

    /** The product's name, for messages. */
    public String displayName() {
        return this.displayName;
    }

    /**
     * Quotes an identifier that was already validated. Doubling the quote character keeps even an unvalidated name
     * from breaking out of the quotes.
     */
    public String quoteIdentifier(String identifier) {
        String q = String.valueOf(this.quote);
        String name = this.upperCase ? identifier.toUpperCase(Locale.ROOT) : identifier;
        return q + name.replace(q, q + q) + q;
    }

    /** The name as the database stores an unquoted identifier: upper case on H2, unchanged elsewhere. */
    public String storedName(String identifier) {
        return this.upperCase ? identifier.toUpperCase(Locale.ROOT) : identifier;
    }

    /**
     * The dialect of an open connection, from its metadata; the driver answers without a round trip.
     * @throws UnsupportedDatabaseException for a product Saferoll does not support
     */
    public static Dialect of(Connection connection) throws SQLException {
        Dialect dialect = fromProductName(connection.getMetaData().getDatabaseProductName());
        // MySQL's driver calls MariaDB "MySQL"; the server version tells them apart.
        if (dialect == MYSQL && connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT)
            .contains("mariadb")) {
            return MARIADB;
        }
        return dialect;
    }

    /**
     * The dialect for a JDBC {@code DatabaseMetaData#getDatabaseProductName()}.
     * @throws UnsupportedDatabaseException for a product Saferoll does not support
     */
    public static Dialect fromProductName(String productName) {
        String name = (productName != null) ? productName.toLowerCase(Locale.ROOT) : "";
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        if (name.contains("mariadb")) {
            return MARIADB;
        }
        if (name.contains("mysql")) {
            return MYSQL;
        }
        throw new UnsupportedDatabaseException(productName);
    }
}
