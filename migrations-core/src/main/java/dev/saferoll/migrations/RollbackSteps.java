package dev.saferoll.migrations;

import java.util.regex.Pattern;

/**
 * Reads a rollback step count typed by a person (command line, HTTP). Only ASCII digits are accepted:
 * {@code Integer.parseInt} would also take other scripts' digits, such as {@code "١"}, and a rollback is no place to be
 * lenient.
 */
public final class RollbackSteps {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private RollbackSteps() {
    }

    /**
     * Parses a step count of 1 or more.
     * @throws MigrationException with {@link MigrationException.ErrorCode#INVALID_INPUT} naming the bad value
     */
    public static int parse(String text) {
        String trimmed = (text != null) ? text.trim() : "";
        if (!DIGITS.matcher(trimmed).matches() || Integer.parseInt(trimmed) < 1) {
            String shown = (text == null) ? "(none)" : "'" + MigrationVersion.abbreviate(text) + "'";
            throw new MigrationException(MigrationException.ErrorCode.INVALID_INPUT, "Invalid steps " + shown
                    + ": expected a whole number of 1 or more (how many applied migrations to roll back)");
        }
        return Integer.parseInt(trimmed);
    }
}
