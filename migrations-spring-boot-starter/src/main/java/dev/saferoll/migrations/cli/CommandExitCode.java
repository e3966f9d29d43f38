package dev.saferoll.migrations.cli;

/** The process exit codes of the {@code db:*} and {@code make:*} commands. */
public enum CommandExitCode {

    /** The command did what was asked. */
    OK(0),
    /** The command failed: a migration, the database or the lock. */
    FAILURE(1),
    /** The command line was wrong: unknown command, bad version, bad steps. */
    USAGE(2),
    /** The command was refused: unsafe rollback, fresh disabled, not confirmed, file exists. */
    REFUSED(3);

    private final int code;

    CommandExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return this.code;
    }
}
