package dev.saferoll.migrations.schema;

import java.util.regex.Pattern;

import dev.saferoll.migrations.Dialect;

/**
 * Checks identifier text. A valid identifier starts with a letter or underscore, holds only ASCII letters, digits and
 * underscores, and is at most {@value #MAX_LENGTH} characters long (PostgreSQL's limit). Anything else, quotes and
 * semicolons included, is refused, so no identifier can carry SQL.
 */
final class Identifier {

    static final int MAX_LENGTH = 63;

    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Identifier() {
    }

    static String validate(String kind, String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidIdentifierException(kind + " must not be empty; use letters, digits and underscores, "
                    + "starting with a letter or underscore, for example user_profiles");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException("Invalid " + kind.toLowerCase() + " '" + abbreviate(text) + "': "
                    + text.length() + " characters, at most " + MAX_LENGTH + " allowed");
        }
        if (!VALID.matcher(text).matches()) {
            throw new InvalidIdentifierException("Invalid " + kind.toLowerCase() + " '" + abbreviate(text)
                    + "': use only letters, digits and underscores, starting with a letter or underscore, "
                    + "for example user_profiles");
        }
        return text;
    }

    static String quote(Dialect dialect, String text) {
        return dialect.quoteIdentifier(text);
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return (printable.length() <= 40) ? printable : printable.substring(0, 40) + "...";
    }
}
