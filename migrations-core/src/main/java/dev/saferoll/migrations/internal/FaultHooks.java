package dev.saferoll.migrations.internal;

/**
 * Test-only fault injection: when the system property {@value #PROPERTY} names a point the runner reaches, the JVM
 * halts there at once, as a {@code kill -9} would. Inert unless the property is set; reliability tests use it to prove
 * that a migration's change and its history row commit together.
 */
final class FaultHooks {

    static final String PROPERTY = "saferoll.test.fault";

    static final String AFTER_HISTORY_INSERT = "after-history-insert";

    static final String AFTER_COMMIT = "after-commit";

    private FaultHooks() {
    }

    static void reached(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            Runtime.getRuntime().halt(137);
        }
    }
}
