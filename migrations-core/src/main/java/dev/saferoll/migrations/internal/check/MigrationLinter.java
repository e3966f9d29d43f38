package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.safety.LintFinding;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.safety.SafetyAssured;
import dev.saferoll.migrations.sql.SqlStatement;
import dev.saferoll.migrations.sql.SqlSyntax;
import dev.saferoll.migrations.sql.StatementReader;
import dev.saferoll.migrations.sql.UnterminatedSqlException;

/**
 * The zero-downtime lint for one migration. Feed it every statement before it runs, the schema builder's included:
 * it reads each string with the SQL reader, statement by statement (one {@code execute()} may hold several), and
 * judges each clause with the rules of the dialect. What the reader cannot split is not flagged: the database will
 * reject it anyway. Tables and indexes created earlier in the migration are new, so nothing on them is flagged. Not
 * thread-safe: one instance per migration run.
 */
public final class MigrationLinter {

    private final MigrationVersion version;

    private final @Nullable SafetyAssured assured;

    private final boolean lockTimeoutSet;

    private final StatementReader reader;

    private final Predicate<LintRule> covered;

    private final @Nullable PostgresRules postgres;

    private final @Nullable MySqlRules mysql;

    private final List<LintFinding> findings = new ArrayList<>();

    private boolean lockTimeoutReported;

    /**
     * @param dialect the database the migration runs on; only the rules that cover it report
     * @param lockTimeoutSet whether the run sets a lock timeout, so its absence is not a finding
     */
    public MigrationLinter(Migration migration, Dialect dialect, boolean lockTimeoutSet) {
        this(migration.getVersion(), migration.getClass().getAnnotation(SafetyAssured.class), SqlSyntax.of(dialect),
                migration.isTransactional(), lockTimeoutSet, (rule) -> rule.covers(dialect));
    }

    /** A linter for a syntax rather than a dialect, so the rules of dialects this build lacks can be tested. */
    MigrationLinter(MigrationVersion version, @Nullable SafetyAssured assured, SqlSyntax syntax, boolean transactional,
            boolean lockTimeoutSet) {
        this(version, assured, syntax, transactional, lockTimeoutSet, (rule) -> true);
    }

    private MigrationLinter(MigrationVersion version, @Nullable SafetyAssured assured, SqlSyntax syntax,
            boolean transactional, boolean lockTimeoutSet, Predicate<LintRule> covered) {
        this.version = version;
        this.assured = assured;
        this.lockTimeoutSet = lockTimeoutSet;
        this.reader = StatementReader.of(syntax);
        this.covered = covered;
        MigrationSoFar soFar = new MigrationSoFar(transactional);
        this.postgres = (syntax == SqlSyntax.POSTGRESQL) ? new PostgresRules(soFar) : null;
        this.mysql = (syntax == SqlSyntax.MYSQL) ? new MySqlRules(soFar) : null;
    }

    /** Classifies a string about to run, judging from the SQL alone. */
    public List<LintFinding> inspect(String sql) {
        return inspect(sql, LintCatalog.NONE);
    }

    /** Classifies a string about to run; rules that need the live schema ask {@code catalog}. */
    List<LintFinding> inspect(String sql, LintCatalog catalog) {
        List<SqlStatement> statements;
        try {
            statements = this.reader.read(sql);
        }
        catch (UnterminatedSqlException ex) {
            return List.of();
        }
        List<LintFinding> found = new ArrayList<>();
        for (SqlStatement statement : statements) {
            for (Found hit : rules(statement, catalog)) {
                if (this.covered.test(hit.rule())) {
                    found.add(finding(hit.rule(), hit.subject()));
                }
            }
        }
        return record(found);
    }

    private List<Found> rules(SqlStatement statement, LintCatalog catalog) {
        if (this.postgres != null) {
            return this.postgres.inspect(statement, catalog);
        }
        if (this.mysql != null) {
            return this.mysql.inspect(statement, catalog);
        }
        return List.of();
    }

    /** Every finding so far, in order. */
    public List<LintFinding> findings() {
        return List.copyOf(this.findings);
    }

    /** The findings no {@link SafetyAssured} acknowledges. */
    public List<LintFinding> unacknowledged() {
        return this.findings.stream().filter((finding) -> !finding.acknowledged()).toList();
    }

    private List<LintFinding> record(List<LintFinding> found) {
        if (!found.isEmpty() && !this.lockTimeoutSet && !this.lockTimeoutReported) {
            this.lockTimeoutReported = true;
            found.add(finding(LintRule.MISSING_LOCK_TIMEOUT, "migrations.lock-timeout"));
        }
        this.findings.addAll(found);
        return List.copyOf(found);
    }

    private LintFinding finding(LintRule rule, String subject) {
        return new LintFinding(this.version, rule, subject, acknowledgement(rule));
    }

    private @Nullable String acknowledgement(LintRule rule) {
        if (this.assured == null) {
            return null;
        }
        LintRule[] rules = this.assured.rules();
        return (rules.length == 0 || Arrays.asList(rules).contains(rule)) ? this.assured.reason() : null;
    }
}
