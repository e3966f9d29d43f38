package dev.saferoll.migrations;

/** A version that is not of the form {@value MigrationVersion#FORMAT}. */
public class InvalidMigrationVersionException extends MigrationException {

    public InvalidMigrationVersionException(String message) {
        super(ErrorCode.INVALID_INPUT, message, "Expected " + MigrationVersion.FORMAT
                + ", a real date and time, for example 2024_12_20_100000");
    }
}
