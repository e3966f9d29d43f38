package dev.saferoll.migrations;

/** The connected database is not one Saferoll supports. */
public class UnsupportedDatabaseException extends MigrationException {

    private final String productName;

    public UnsupportedDatabaseException(String productName) {
        super(ErrorCode.UNSUPPORTED_DATABASE, "Saferoll does not support the database '" + productName + "'",
                MigrationAdvice.unsupportedDatabase());
        this.productName = productName;
    }

    /** The product name the JDBC driver reported. */
    public String getProductName() {
        return this.productName;
    }
}
