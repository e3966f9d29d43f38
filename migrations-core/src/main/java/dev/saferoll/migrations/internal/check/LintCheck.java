package dev.saferoll.migrations.internal.check;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.safety.LintFailedException;
import dev.saferoll.migrations.safety.LintFinding;
import dev.saferoll.migrations.safety.LintMode;

/**
 * The zero-downtime lint of one {@code up}. It reads the live catalog through the connection the statement is about
 * to run on (a preview has none, and judges from the SQL alone). In {@link LintMode#FAIL} an unacknowledged finding
 * stops the statement, so a transactional migration is rolled back with nothing applied.
 */
public final class LintCheck implements StatementCheck {

    private static final Logger logger = LoggerFactory.getLogger(LintCheck.class);

    private final Migration migration;

    private final LintMode mode;

    private final boolean lockTimeoutSet;

    private final boolean quiet;

    private @Nullable MigrationLinter linter;

    /**
     * @param lockTimeoutSet whether the run sets a lock timeout, so its absence is not a finding
     */
    public LintCheck(Migration migration, LintMode mode, boolean lockTimeoutSet) {
        this(migration, mode, lockTimeoutSet, false);
    }

    /**
     * @param quiet whether findings are logged at DEBUG only, for a preview: a read that reports them in its notes
     */
    public LintCheck(Migration migration, LintMode mode, boolean lockTimeoutSet, boolean quiet) {
        this.migration = migration;
        this.mode = mode;
        this.lockTimeoutSet = lockTimeoutSet;
        this.quiet = quiet;
    }

    @Override
    public void beforeStatement(String sql, MigrationConnection connection) {
        if (this.mode == LintMode.OFF) {
            return;
        }
        if (this.linter == null) {
            this.linter = new MigrationLinter(this.migration, connection.dialect(), this.lockTimeoutSet);
        }
        List<LintFinding> findings = this.linter.inspect(sql, JdbcLintCatalog.of(connection));
        for (LintFinding finding : findings) {
            if (this.quiet) {
                logger.debug("Lint: {}", finding.message());
            }
            else if (finding.acknowledged()) {
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

    @Override
    public List<String> notes() {
        if (this.linter == null) {
            return List.of();
        }
        return this.linter.findings().stream().map((finding) -> "lint: " + finding.message()).toList();
    }
}
