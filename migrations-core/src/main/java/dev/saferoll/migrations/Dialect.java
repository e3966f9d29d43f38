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

    POSTGRESQL("PostgreSQL", '"');

    private final String displayName;

    private final char quote;

    Dialect(String displayName, char quote) {
        this.displayName = displayName;
        this.quote = quote;
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
        return q + identifier.replace(q, q + q) + q;
    }

    /**
     * The dialect of an open connection, from its metadata; the driver answers without a round trip.
     * @throws UnsupportedDatabaseException for a product Saferoll does not support
     */
    public static Dialect of(Connection connection) throws SQLException {
        return fromProductName(connection.getMetaData().getDatabaseProductName());
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
        throw new UnsupportedDatabaseException(productName);
    }
}
