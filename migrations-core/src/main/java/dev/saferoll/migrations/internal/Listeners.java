package dev.saferoll.migrations.internal;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationListener.Operation;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationStatus;

/** Calls every listener; a listener that throws is logged and never breaks the run. */
final class Listeners {

    private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

    private final List<MigrationListener> listeners;

    Listeners(List<MigrationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void runStarted(Operation operation) {
        each((listener) -> listener.runStarted(operation));
    }

    void migrationFinished(MigrationOutcome outcome) {
        each((listener) -> listener.migrationFinished(outcome));
    }

    void runFinished(Operation operation, MigrationStatus status) {
        each((listener) -> listener.runFinished(operation, status));
    }

    void runFailed(Operation operation, MigrationException error) {
        each((listener) -> listener.runFailed(operation, error));
    }

    private void each(Consumer<MigrationListener> call) {
        for (MigrationListener listener : this.listeners) {
            try {
                call.accept(listener);
            }
            catch (RuntimeException ex) {
                logger.warn("Migration listener {} failed; the run goes on", listener.getClass().getName(), ex);
            }
        }
    }
}
