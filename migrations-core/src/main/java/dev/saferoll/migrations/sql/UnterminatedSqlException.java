package dev.saferoll.migrations.sql;

/**
 * Thrown when a quoted string, quoted identifier, dollar-quoted string or comment is not closed before the end of
 * the input. The message names what is unterminated and where it starts.
 */
public class UnterminatedSqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnterminatedSqlException(String message) {
        super(message);
    }
}
