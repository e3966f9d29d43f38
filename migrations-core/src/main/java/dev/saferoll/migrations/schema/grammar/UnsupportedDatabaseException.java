package dev.saferoll.migrations.schema.grammar;

import dev.saferoll.migrations.MigrationException;

/** The connected database has no grammar in Saferoll yet. */
public class UnsupportedDatabaseException extends MigrationException {

    public UnsupportedDatabaseException(String productName) {
        super(ErrorCode.VALIDATION_FAILED, "Saferoll does not support the database '" + productName
                + "' yet; supported: PostgreSQL. Point spring.datasource.url at a PostgreSQL database, "
                + "or set migrations.enabled=false");
    }
}
