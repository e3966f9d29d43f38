package dev.saferoll.migrations.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.lock.LockNotAcquiredException;

/**
 * Turns a {@link MigrationException} that stops the application into a description of what went wrong and what to
 * do next, instead of a stack trace.
 */
class MigrationsFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
        if (cause instanceof MigrationExecutionException execution) {
            return analyzeExecution(execution);
        }
        if (cause instanceof MigrationValidationException validation) {
            return analyzeValidation(validation);
        }
        if (cause instanceof LockNotAcquiredException lock) {
            return new FailureAnalysis("Saferoll could not acquire the migration lock: it is held by "
                    + lock.getHolder() + ". Nothing was applied.",
                    "Wait for that run to finish, then restart the application. If runs regularly take longer, raise "
                            + "migrations.lock-wait-timeout. The lock is freed automatically when its holder's "
                            + "connection ends; no manual release is needed.",
                    cause);
        }
        return new FailureAnalysis("Saferoll migrations failed: " + cause.getMessage(), action(cause.getErrorCode()),
                cause);
    }

    private FailureAnalysis analyzeExecution(MigrationExecutionException cause) {
        MigrationVersion version = cause.getVersion();
        StringBuilder description = new StringBuilder("Migration " + version + " failed");
        if (cause.getSqlState() != null) {
            description.append(" with SQLSTATE ").append(cause.getSqlState());
        }
        description.append(".\n");
        description.append("\n    ").append(cause.getMessage());
        String statement = cause.getStatement();
        if (statement != null && !String.valueOf(cause.getMessage()).contains(statement)) {
            description.append("\n    Statement: ").append(statement);
        }
        description.append("\n\nIts transaction was rolled back and it is recorded as FAILED; later migrations did not "
                + "run. (A non-transactional migration may have left partial changes.)");
        String action = "Fix migration " + version + " (check partial changes by hand if it is not transactional), "
                + "then clear its FAILED record with 'db:reset " + version + "' (run the application with the "
                + "arguments db:reset " + version + ", or call Migrations.reset) and restart the application.";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private FailureAnalysis analyzeValidation(MigrationValidationException cause) {
        StringBuilder description = new StringBuilder(
                "The migrations in the code and the history table disagree; nothing was applied:\n");
        cause.getProblems().forEach((problem) -> description.append("\n    - ").append(problem));
        String action = "Resolve each problem listed above, then restart the application. A FAILED migration: fix it "
                + "and run 'db:reset VERSION'. A MISSING migration: restore its class, or set "
                + "migrations.fail-on-missing=false. An OUT_OF_ORDER migration: give it a newer version, or set "
                + "migrations.out-of-order=true. A duplicate version: give one of them a new YYYY_MM_DD_HHMMSS "
                + "version.";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private String action(ErrorCode errorCode) {
        if (errorCode == ErrorCode.CONNECTION_FAILED) {
            return "Check that the database is running and reachable, and that spring.datasource.url, username and "
                    + "password are right. To wait longer for a database that starts slowly, raise "
                    + "migrations.connect-retries or migrations.connect-retries-interval.";
        }
        if (errorCode == ErrorCode.INVALID_INPUT) {
            return "Correct the value named above: a migration version has the form " + MigrationVersion.FORMAT
                    + " (for example 2024_12_20_100000), and a table, column or index name holds only letters, "
                    + "digits and _ (check migrations.table too).";
        }
        if (errorCode == ErrorCode.OPERATION_DISABLED) {
            return "Enable the operation with the setting named above, or do not run it at startup.";
        }
        return "Follow the advice in the message above, then restart the application. To start without running "
                + "migrations, set migrations.run-on-startup=false.";
    }
}
