package dev.saferoll.migrations.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationValidationException;

/**
 * Turns a {@link MigrationException} that stops the application into what went wrong and what to do next, both
 * taken from the exception, instead of a stack trace.
 */
class MigrationsFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
        StringBuilder description = new StringBuilder("Saferoll could not migrate the database: ");
        if (cause instanceof MigrationValidationException validation) {
            description.append("the migrations in the code and the history table disagree; nothing was applied:\n");
            validation.getProblems().forEach((problem) -> description.append("\n    - ").append(problem));
        }
        else {
            description.append(cause.getDescription()).append('.');
        }
        if (cause instanceof MigrationExecutionException execution && execution.getStatement() != null
                && !cause.getDescription().contains(execution.getStatement())) {
            description.append("\n\n    Statement: ").append(execution.getStatement());
        }
        return new FailureAnalysis(description.toString(), cause.getRecommendation() + ". Then restart the "
                + "application, or run the fix as arguments to it (for example java -jar app.jar db:status).", cause);
    }
}
