package dev.saferoll.migrations.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationListener.Operation;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.RollbackResult;

/** Calls every listener; a listener that throws is logged and never breaks the run. */
public final class Listeners {

    private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

    private final List<MigrationListener> listeners;

    public Listeners(List<MigrationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Runs one operation between {@code runStarted} and {@code runFinished} (or {@code runFailed}); a database error
     * that escapes it becomes a {@link MigrationException}.
     */
    <R> R run(Operation operation, Work<R> work, Function<R, MigrationStatus> status) {
        each((listener) -> listener.runStarted(operation));
        try {
            R result = work.run();
            MigrationStatus after = status.apply(result);
            each((listener) -> listener.runFinished(operation, after));
            return result;
        }
        catch (MigrationException ex) {
            each((listener) -> listener.runFailed(operation, ex));
            throw ex;
        }
        catch (SQLException ex) {
            MigrationException error = databaseError("run migrations", ex);
            each((listener) -> listener.runFailed(operation, error));
            throw error;
        }
    }

    MigrateResult migrate(Operation operation, Work<MigrateResult> work) {
        return run(operation, work, MigrateResult::status);
    }

    RollbackResult rollback(Work<RollbackResult> work) {
        return run(Operation.ROLLBACK, work, RollbackResult::status);
    }

    /** Tells every listener that one migration finished, and returns the outcome. */
    MigrationOutcome migrationFinished(MigrationOutcome outcome) {
        each((listener) -> listener.migrationFinished(outcome));
        return outcome;
    }

    static MigrationException databaseError(String action, SQLException ex) {
        return new MigrationException(ErrorCode.EXECUTION_FAILED, "Could not " + action + ": " + ex.getMessage()
                + ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : ""),
                MigrationAdvice.connection(), ex);
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

    /** The work of one operation. */
    @FunctionalInterface
    interface Work<R> {

        R run() throws SQLException;
    }
}
