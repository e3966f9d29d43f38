package dev.saferoll.migrations.safety;

import java.util.List;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationVersion;

/**
 * With {@code migrations.lint=fail}, a statement was not backward compatible and no {@link SafetyAssured}
 * acknowledged it. The statement did not run.
 */
public class LintFailedException extends MigrationException {

    private final MigrationVersion version;

    private final List<LintFinding> findings;

    public LintFailedException(MigrationVersion version, List<LintFinding> findings) {
        super(ErrorCode.VALIDATION_FAILED, "Migration " + version + " is not backward compatible:\n - "
                + String.join("\n - ", findings.stream().map(LintFinding::message).toList())
                + "\nUse the safe way, or acknowledge with @SafetyAssured(reason = \"...\") on the migration class, "
                + "or set migrations.lint=warn");
        this.version = version;
        this.findings = List.copyOf(findings);
    }

    public MigrationVersion getVersion() {
        return this.version;
    }

    public List<LintFinding> getFindings() {
        return this.findings;
    }
}
