package dev.saferoll.migrations;

import java.util.List;

/**
 * The migrations in the code and the history table disagree: duplicate versions, a FAILED record, a MISSING or an
 * OUT_OF_ORDER migration. Nothing was applied.
 */
public class MigrationValidationException extends MigrationException {

    private final List<String> problems;

    public MigrationValidationException(List<String> problems) {
        super(ErrorCode.VALIDATION_FAILED, "Migrations failed validation; nothing was applied:\n - "
                + String.join("\n - ", problems), "Resolve each problem listed (each says how), then migrate again");
        this.problems = List.copyOf(problems);
    }

    /** Each problem, with what to do about it. */
    public List<String> getProblems() {
        return this.problems;
    }
}
