package dev.saferoll.migrations.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.safety.LintFailedException;
import dev.saferoll.migrations.safety.LintFinding;
import dev.saferoll.migrations.safety.LintMode;
import dev.saferoll.migrations.safety.MigrationLinter;
import dev.saferoll.migrations.schema.SchemaCommand;

/**
 * The connection an {@code up} gets: every schema command and statement passes the zero-downtime lint before it
 * runs. In {@link LintMode#FAIL} an unacknowledged finding stops the statement, so a transactional migration is rolled
 * back with nothing applied.
 */
final class LintedMigrationConnection extends ForwardingMigrationConnection {

    private static final Logger logger = LoggerFactory.getLogger(LintedMigrationConnection.class);

    private final MigrationLinter linter;

    private final Migration migration;

    private final LintMode mode;

    LintedMigrationConnection(JdbcMigrationConnection delegate, Migration migration, LintMode mode,
            boolean lockTimeoutSet) {
        super(delegate);
        this.migration = migration;
        this.mode = mode;
        this.linter = new MigrationLinter(migration, lockTimeoutSet);
    }

    @Override
    public void beforeCommand(SchemaCommand command) {
        if (this.mode != LintMode.OFF) {
            judge(this.linter.inspect(command, dialect().grammar().compile(command)));
        }
    }

    @Override
    void beforeStatement(String sql) {
        if (this.mode != LintMode.OFF) {
            judge(this.linter.inspect(sql));
        }
    }

    private void judge(List<LintFinding> findings) {
        for (LintFinding finding : findings) {
            if (finding.acknowledged()) {
                logger.info("Lint: {}", finding.message());
            }
            else {
                logger.warn("Lint: {}", finding.message());
            }
        }
        List<LintFinding> blocking = findings.stream().filter((finding) -> !finding.acknowledged()).toList();
        if (this.mode == LintMode.FAIL && !blocking.isEmpty()) {
            throw new LintFailedException(this.migration.getVersion(), blocking);
        }
    }

    /** The findings so far, as outcome notes. */
    @Override
    List<String> notes() {
        return this.linter.findings().stream().map((finding) -> "lint: " + finding.message()).toList();
    }
}
