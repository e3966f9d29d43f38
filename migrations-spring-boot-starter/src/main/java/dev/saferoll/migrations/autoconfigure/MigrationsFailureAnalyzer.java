package dev.saferoll.migrations.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.UnsupportedDatabaseException;

/**
 * Turns a {@link MigrationException} that stops the application into what went wrong and what to do next, both
 * taken from the exception, instead of a stack trace. For a database Saferoll has no dialect for, it names where
 * {@code migrations.enabled=false} goes for the active profiles.
 */
class MigrationsFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

    private final @Nullable Environment environment;

    MigrationsFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

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
        if (cause instanceof UnsupportedDatabaseException) {
            return new FailureAnalysis(description.toString(), cause.getRecommendation() + ". " + whereToSwitchOff(),
                    cause);
        }
        return new FailureAnalysis(description.toString(), cause.getRecommendation() + ". Then restart the "
                + "application, or run the fix as arguments to it (for example java -jar app.jar db:status).", cause);
    }

    private String whereToSwitchOff() {
        List<String> profiles = (this.environment != null) ? List.of(this.environment.getActiveProfiles()) : List.of();
        if (profiles.isEmpty()) {
            return "No profile is active, so set migrations.enabled=false in application.properties (or "
                    + "application.yaml), or move it to the profile that uses this database and leave it on in the "
                    + "others.";
        }
        String last = profiles.get(profiles.size() - 1);
        return "The active profiles are " + String.join(", ", profiles) + ": set migrations.enabled=false in "
                + "application-" + last + ".properties (or .yaml), and leave it on in the profiles that use a "
                + "supported database.";
    }
}
