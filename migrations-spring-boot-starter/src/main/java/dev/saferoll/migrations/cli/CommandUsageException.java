package dev.saferoll.migrations.cli;

/** The command line could not be understood; the message names the bad value. */
public class CommandUsageException extends RuntimeException {

    public CommandUsageException(String message) {
        super(message);
    }
}
