package dev.saferoll.migrations.cli;

import org.jspecify.annotations.Nullable;

/**
 * Where the commands print their reports and ask for confirmation. Define a bean of this type to replace the terminal
 * (tests do).
 */
public interface CommandConsole {

    /** Prints one line (it may contain line breaks). */
    void println(String line);

    /** Whether a person can answer a question, that is, a terminal is attached. */
    boolean isInteractive();

    /** Shows the prompt and reads one line; {@code null} at end of input. Only called when interactive. */
    @Nullable String readLine(String prompt);

    /** Whether the output can show emoji (UTF-8); otherwise the reports use plain ASCII markers. */
    default boolean supportsUnicode() {
        return false;
    }

    /** The terminal: {@code System.out} and {@code System.console()}. */
    static CommandConsole system() {
        return new SystemCommandConsole();
    }
}
