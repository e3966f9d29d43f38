package dev.saferoll.migrations.schema.grammar;

import java.util.Locale;

/**
 * A database product Saferoll knows. Each dialect has its {@link Grammar}, which holds all of its SQL.
 */
public enum Dialect {

    POSTGRESQL('"') {
        @Override
        public Grammar grammar() {
            return PostgresGrammar.INSTANCE;
        }
    };

    private final char quote;

    Dialect(char quote) {
        this.quote = quote;
    }

    /** The grammar that compiles schema commands and runner statements for this dialect. */
    public abstract Grammar grammar();

    /**
     * Quotes an identifier that was already validated. Doubling the quote character keeps even an unvalidated name
     * from breaking out of the quotes.
     */
    public String quoteIdentifier(String identifier) {
        String q = String.valueOf(this.quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /**
     * The dialect for a JDBC {@code DatabaseMetaData#getDatabaseProductName()}.
     * @throws UnsupportedDatabaseException for a product Saferoll does not support yet
     */
    public static Dialect fromProductName(String productName) {
        String name = (productName != null) ? productName.toLowerCase(Locale.ROOT) : "";
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new UnsupportedDatabaseException(productName);
    }
}
