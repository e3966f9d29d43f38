package dev.saferoll.migrations.cli;

/**
 * Ends the process once a command is done. The default calls {@link System#exit(int)}; define a bean of this type to
 * keep the JVM running (tests do).
 */
@FunctionalInterface
public interface CommandExit {

    void exit(int code);

    static CommandExit system() {
        return System::exit;
    }
}
