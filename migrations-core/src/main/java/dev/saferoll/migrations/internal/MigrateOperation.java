package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationListener.Operation;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationOutcome.Direction;
import dev.saferoll.migrations.MigrationOutcome.Outcome;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.internal.check.ImpactCheck;
import dev.saferoll.migrations.internal.check.LintCheck;
import dev.saferoll.migrations.safety.LintMode;
import dev.saferoll.migrations.schema.Grammar;

/**
 * Migrate, its dry run and its preview. A run first reads the history without the lock: when nothing is pending and
 * validation passes it ends there, with one connection. Otherwise it takes the lock and reads again, and that read
 * decides.
 */
public final class MigrateOperation {

    private static final Logger logger = LoggerFactory.getLogger(MigrateOperation.class);

    private final RunSessions sessions;

    private final List<Migration> migrations;

    private final ValidationPolicy validation;

    private final LintPolicy lint;

    private final Listeners listeners;

    public MigrateOperation(RunSessions sessions, List<Migration> migrations, ValidationPolicy validation,
            LintPolicy lint, Listeners listeners) {
        this.sessions = sessions;
        this.migrations = migrations;
        this.validation = validation;
        this.lint = lint;
        this.listeners = listeners;
    }

    /** Validates, then applies the pending migrations up to the target, or dry-runs them. */
    public MigrateResult migrate(MigrateOptions options) {
        return this.listeners.migrate(Operation.MIGRATE, () -> {
            try (RunSession session = this.sessions.open()) {
                return migrate(session, session.plan(this.migrations), options);
            }
        });
    }

    /** Migrates in a session that holds the lock already, as {@code db:fresh} does after dropping everything. */
    MigrateResult migrateLocked(RunSession session, MigrateOptions options) throws SQLException {
        return applyOrDryRun(session, readAndValidate(session, options), options);
    }

    private MigrateResult migrate(RunSession session, MigrationPlan unlocked, MigrateOptions options)
            throws SQLException {
        if (unlocked.problems(options.target(), this.validation).isEmpty() && !unlocked.hasRunning()
                && unlocked.pending(options.target()).isEmpty()) {
            return upToDate(session, unlocked, options);
        }
        session.lock();
        return applyOrDryRun(session, readAndValidate(session, options), options);
    }

    private MigrationPlan readAndValidate(RunSession session, MigrateOptions options) throws SQLException {
        if (!options.dryRun()) {
            session.history().ensureTable();
        }
        MigrationPlan plan = session.plan(this.migrations);
        List<String> problems = plan.problems(options.target(), this.validation);
        if (!problems.isEmpty()) {
            throw new MigrationValidationException(problems);
        }
        return plan;
    }

    private MigrateResult applyOrDryRun(RunSession session, MigrationPlan plan, MigrateOptions options)
            throws SQLException {
        List<Migration> pending = plan.pending(options.target());
        if (pending.isEmpty()) {
            return upToDate(session, plan, options);
        }
        logger.info("{}{} pending migration(s){}: {}", session.logPrefix(), pending.size(),
                options.dryRun() ? " (dry run)" : "",
                pending.stream().map(Migration::getVersion).toList());
        if (options.dryRun()) {
            return new MigrateResult(dryRun(session, pending), true, plan.status());
        }
        List<HistoryRecord> rows = new ArrayList<>(plan.rows());
        List<MigrationOutcome> outcomes = new ArrayList<>();
        Adoption adoption = new Adoption(plan.rows().isEmpty() ? pending : List.of());
        MigrationExecution execution = new MigrationExecution(session, this.listeners, adoption);
        @Nullable Long size = session.sizes().exact();
        for (Migration migration : pending) {
            session.verifyLock();
            MigrationExecution.Applied applied = execution.apply(migration, this.lint.check(migration), size);
            rows.add(applied.row());
            outcomes.add(applied.outcome());
            size = applied.row().sizeAfterBytes();
        }
        session.recordSchema();
        MigrationStatus status = plan.with(rows).status();
        logger.info("{}Applied {} migration(s); database is now at version {}", session.logPrefix(), outcomes.size(),
                status.currentVersion().map(MigrationVersion::value).orElse("none"));
        return new MigrateResult(outcomes, false, status);
    }

    private static MigrateResult upToDate(RunSession session, MigrationPlan plan, MigrateOptions options) {
        logger.info("{}Database is up to date (current version {})", session.logPrefix(),
                plan.currentVersion().map(MigrationVersion::value).orElse("none"));
        return new MigrateResult(List.of(), options.dryRun(), plan.status());
    }

    private List<MigrationOutcome> dryRun(RunSession session, List<Migration> pending) throws SQLException {
        Connection connection = session.connection();
        boolean transactionalDdl = session.database().grammar().supportsTransactionalDdl();
        List<MigrationOutcome> outcomes = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            // Tables above this mark are created by the dry run itself; locking them blocks nobody.
            OptionalLong mark = session.database().relationMark(connection);
            @Nullable Long runMark = mark.isPresent() ? mark.getAsLong() : null;
            for (Migration migration : pending) {
                if (!migration.isTransactional() || !transactionalDdl) {
                    RunConnection recorded = RunConnection.recording(session.database().dialect(),
                            this.lint.reportingCheck(migration));
                    outcomes.add(this.listeners.migrationFinished(preview(migration, recorded)));
                    continue;
                }
                // A dry run reports every finding rather than stopping at the first, and what each statement did.
                RunConnection target = RunConnection.running(session.migrationConnection(), new ImpactCheck(
                        this.lint.reportingCheck(migration), session.database(), connection, runMark));
                long start = System.nanoTime();
                try {
                    migration.up(target);
                }
                catch (Exception ex) {
                    String message = "Migration " + migration.getVersion() + " would fail: " + Outcomes.describe(ex);
                    logger.warn("Dry run: {}", message);
                    outcomes.add(this.listeners.migrationFinished(Outcomes.of(migration, Direction.UP, Outcome.FAILED,
                            Outcomes.millisSince(start), target.statements(), message, target.notes())));
                    break;
                }
                outcomes.add(this.listeners.migrationFinished(Outcomes.of(migration, Direction.UP, Outcome.DRY_RUN,
                        Outcomes.millisSince(start), target.statements(), null, target.notes())));
                logger.info("Dry run of {} \"{}\": {} statement(s)", migration.getVersion(),
                        migration.getDescription(), target.statements().size());
            }
        }
        finally {
            Transactions.rollbackQuietly(connection);
        }
        return outcomes;
    }

    /**
     * What the pending migrations up to the target would run, without running anything: each {@code up} runs against
     * a connection that records its statements and executes none. Takes no lock and changes nothing.
     */
    public List<MigrationOutcome> preview(MigrationTarget target) {
        try (RunSession session = this.sessions.openForReading()) {
            MigrationPlan plan = session.plan(this.migrations);
            List<MigrationOutcome> previews = new ArrayList<>();
            for (Migration migration : plan.pending(target)) {
                previews.add(preview(migration, RunConnection.recording(session.database().dialect(),
                        this.lint.previewCheck(migration))));
            }
            return previews;
        }
        catch (SQLException ex) {
            throw Listeners.databaseError("read the migration history", ex);
        }
    }

    /** The preview of one pending migration, if that version is pending. */
    public Optional<MigrationOutcome> preview(MigrationVersion version) {
        return preview(MigrationTarget.upTo(version)).stream()
            .filter((outcome) -> outcome.version().equals(version))
            .findFirst();
    }

    private static MigrationOutcome preview(Migration migration, RunConnection recorded) {
        List<String> notes = new ArrayList<>();
        notes.add("preview: statements recorded without running them; queries in up() returned no rows");
        try {
            migration.up(recorded);
        }
        catch (Exception ex) {
            notes.add("preview stopped: " + Outcomes.describe(ex));
        }
        notes.addAll(recorded.notes());
        if (!migration.isTransactional()) {
            notes.add(0, "non-transactional: a dry run does not execute it");
        }
        else if (!Grammar.of(recorded.dialect()).supportsTransactionalDdl()) {
            notes.add(0, "statements only: " + recorded.dialect().displayName() + " commits DDL implicitly, so a "
                    + "dry run cannot roll it back and does not execute it");
        }
        return Outcomes.of(migration, Direction.UP, Outcome.PREVIEW, 0, recorded.statements(), null, notes);
    }

    /** What stops a migrate run, apart from the lint. */
    public record ValidationPolicy(boolean failOnMissing, boolean failOnFuture, boolean failOnChanged,
            boolean outOfOrder) {
    }

    /** How the zero-downtime lint judges each {@code up}. */
    public record LintPolicy(LintMode mode, boolean lockTimeoutSet) {

        LintCheck check(Migration migration) {
            return new LintCheck(migration, this.mode, this.lockTimeoutSet);
        }

        /** The check of a dry run or preview: it reports every finding rather than stopping at the first. */
        LintCheck reportingCheck(Migration migration) {
            return new LintCheck(migration, (this.mode == LintMode.OFF) ? LintMode.OFF : LintMode.WARN,
                    this.lockTimeoutSet);
        }

        /** The check of a preview, a read: findings go to its notes, and to the log at DEBUG only. */
        LintCheck previewCheck(Migration migration) {
            return new LintCheck(migration, (this.mode == LintMode.OFF) ? LintMode.OFF : LintMode.WARN,
                    this.lockTimeoutSet, true);
        }
    }
}
