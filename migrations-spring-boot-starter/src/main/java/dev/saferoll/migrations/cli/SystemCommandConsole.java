package dev.saferoll.migrations.cli;

import java.io.Console;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

final class SystemCommandConsole implements CommandConsole {

    @Override
    public void println(String line) {
        System.out.println(line);
        System.out.flush();
    }

    @Override
    public boolean isInteractive() {
        return System.console() != null;
    }

    @Override
    public @Nullable String readLine(String prompt) {
        Console console = System.console();
        return (console != null) ? console.readLine("%s", prompt) : null;
    }

    @Override
    public boolean supportsUnicode() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset;
        try {
            charset = (encoding != null) ? Charset.forName(encoding) : Charset.defaultCharset();
        }
        catch (RuntimeException ex) {
            return false;
        }
        return StandardCharsets.UTF_8.equals(charset);
    }
}
