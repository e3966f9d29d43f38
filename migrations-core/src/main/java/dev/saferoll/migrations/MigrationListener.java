package dev.saferoll.migrations;

/**
 * Hears what a runner does, for metrics, health and events. Methods are called on the runner's thread; keep them
 * short and never throw.
 */
public interface MigrationListener {

    /** A migrate or rollback run starts (after the lock is taken). */
    default void runStarted(Operation operation) {
    }

    /** One migration finished, successfully or not. */
    default void migrationFinished(MigrationOutcome outcome) {
    }

    /** A run finished; {@code status} is the snapshot after it. */
    default void runFinished(Operation operation, MigrationStatus status) {
    }

    /** A run ended with an error before or while running migrations. */
    default void runFailed(Operation operation, MigrationException error) {
    }

    enum Operation {
        MIGRATE, ROLLBACK, FRESH
    }
}
