package dev.saferoll.migrations.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * A program from the operating system's packages that some tests start, such as PgBouncer or Prometheus. Where it is
 * missing, those tests are skipped with a message saying what to install, except in CI ({@code CI=true}), where
 * {@code .ci/run} installs it and a missing program fails the test.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    /** The program's path; skips (or, in CI, fails) the test when it is not installed. */
    public static Path require(String name, String path, String debianPackage) {
        Path program = Path.of(path);
        boolean present = Files.isExecutable(program);
        String message = name + " is not installed (" + path + "); install it with: apt-get install -y "
                + debianPackage + " (.ci/run does this)";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.assumeTrue(present, message);
        return program;
    }
}
