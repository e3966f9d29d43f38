package dev.saferoll.migrations.schema;

import dev.saferoll.migrations.MigrationException;

/** A table, column or index name that is empty, too long, or holds characters other than letters, digits and _. */
public class InvalidIdentifierException extends MigrationException {

    public InvalidIdentifierException(String message) {
        super(ErrorCode.INVALID_INPUT, message);
    }
}
