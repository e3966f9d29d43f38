package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationOutcome.Direction;
import dev.saferoll.migrations.MigrationOutcome.Outcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.internal.check.DataLossCheck;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;

/**
 * Rollback and its dry run. Every step is checked before any runs: a step that is not {@link SafelyReversible}
 * refuses the whole rollback. When every step is transactional, all of them run in one transaction, so a step that
 * fails or loses data leaves every step applied. Otherwise every step's data-loss guard is checked first, then the
 * steps run one by one, each as its migration declares; on a dialect whose DDL commits implicitly (MySQL, H2) no
 * step runs in a transaction. The dry run of such a rollback only records the statements, with each step's data-loss
 * guard checked against the data as it is now: it cannot be rolled back, so it must not run.
 */
public final class RollbackOperation {

    private static final Logger logger = LoggerFactory.getLogger(RollbackOperation.class);

    private final RunSessions sessions;

    private final List<Migration> migrations;

    private final Listeners listeners;

    public RollbackOperation(RunSessions sessions, List<Migration> migrations, Listeners listeners) {
        this.sessions = sessions;
        this.migrations = migrations;
        this.listeners = listeners;
    }

    public RollbackResult rollback(int steps, RollbackOptions options) {
        if (steps < 1) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "steps must be at least 1 but was " + steps,
                    "Pass how many of the last applied migrations to roll back, for example 1");
        }
        return this.listeners.rollback(() -> {
            try (RunSession session = this.sessions.open()) {
                session.lock();
                return rollback(session, steps, options);
            }
        });
    }

    private RollbackResult rollback(RunSession session, int steps, RollbackOptions options) throws SQLException {
        MigrationPlan plan = session.plan(this.migrations);
        List<Step> plannedSteps = steps(plan, steps, options);
        logger.info("{}Rolling back {} migration(s){}: {}", session.logPrefix(), steps,
                options.dryRun() ? " (dry run)" : "",
                plannedSteps.stream().map((step) -> step.migration().getVersion()).toList());
        boolean oneTransaction = session.database().grammar().supportsTransactionalDdl()
                && plannedSteps.stream().allMatch((step) -> step.migration().isTransactional());
        if (options.dryRun()) {
            List<MigrationOutcome> outcomes = oneTransaction ? inOneTransaction(session, plannedSteps, options, false)
                    : recorded(session, plannedSteps, options);
            return new RollbackResult(outcomes, true, plan.status());
        }
        List<MigrationOutcome> outcomes;
        if (oneTransaction) {
            outcomes = inOneTransaction(session, plannedSteps, options, true);
        }
        else {
            checkGuards(session, plannedSteps, options);
            outcomes = stepByStep(session, plannedSteps, options);
        }
        session.recordSchema();
        return new RollbackResult(outcomes, false,
                session.plan(this.migrations).status());
    }

    private List<Step> steps(MigrationPlan plan, int steps, RollbackOptions options) {
        List<HistoryRecord> applied = plan.appliedNewestFirst();
        if (steps > applied.size()) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "Cannot roll back " + steps + " step(s): only "
                    + applied.size() + " migration(s) are applied", "Pass a number from 1 to " + applied.size());
        }
        List<HistoryRecord> rows = applied.subList(0, steps);
        List<MigrationVersion> versions = rows.stream().map(HistoryRecord::version).toList();
        if (!options.expectedVersions().isEmpty() && !options.expectedVersions().equals(versions)) {
            throw new RollbackRefusedException(versions.get(0), rows.get(0).description(),
                    "is now among the last applied migrations " + versions + ", not the confirmed "
                            + options.expectedVersions(), "Check db:status, then roll back and confirm again");
        }
        List<Step> planned = new ArrayList<>();
        for (HistoryRecord row : rows) {
            Migration migration = plan.migration(row.version()).orElse(null);
            if (migration == null) {
                boolean future = plan.status().find(row.version())
                    .map((entry) -> entry.state() == MigrationState.FUTURE).orElse(false);
                throw future ? new RollbackRefusedException(row.version(), row.description(), "was applied by a "
                        + "newer release than this one, so this code has no down() for it",
                        "Roll it back from the release that applied it, or roll back fewer steps")
                        : new RollbackRefusedException(row.version(), row.description(), "is applied but no longer in "
                                + "the code, so it has no down() to run",
                                "Restore the migration, or roll back fewer steps");
            }
            if (!(migration instanceof SafelyReversible)) {
                throw new RollbackRefusedException(migration.getVersion(), migration.getDescription());
            }
            planned.add(new Step(migration, row));
        }
        return planned;
    }

    /** Runs every step in one transaction: committed only if every step succeeds, rolled back for a dry run. */
    private List<MigrationOutcome> inOneTransaction(RunSession session, List<Step> steps, RollbackOptions options,
            boolean commit) throws SQLException {
        Connection connection = session.connection();
        List<MigrationOutcome> outcomes = new ArrayList<>();
        @Nullable Long size = commit ? session.sizes().exact() : null;
        connection.setAutoCommit(false);
        try {
            for (Step step : steps) {
                session.verifyLock();
                outcomes.add(down(session, step, options, commit, size));
                size = outcomes.get(outcomes.size() - 1).sizeAfterBytes();
            }
            if (commit) {
                connection.commit();
            }
        }
        finally {
            Transactions.rollbackQuietly(connection);
        }
        outcomes.forEach(this.listeners::migrationFinished);
        return outcomes;
    }

    /** Checks every step's data-loss guard against the data as it is now, before any step runs. */
    private void checkGuards(RunSession session, List<Step> steps, RollbackOptions options) {
        for (Step step : steps) {
            RunConnection recorded = RunConnection.recording(session.database().dialect(),
                    new DataLossCheck(step.migration().getVersion(), options.allowDataLoss(),
                            session.migrationConnection()));
            try {
                ((SafelyReversible) step.migration()).down(recorded);
            }
            catch (RollbackWouldLoseDataException ex) {
                throw ex;
            }
            catch (Exception ex) {
                logger.debug("Pre-check of {} stopped early: {}", step.migration().getVersion(), ex.getMessage());
            }
        }
    }

    /** The dry run of steps that cannot run in a transaction: their statements, recorded, and their guards. */
    private List<MigrationOutcome> recorded(RunSession session, List<Step> steps, RollbackOptions options) {
        List<MigrationOutcome> outcomes = new ArrayList<>();
        for (Step step : steps) {
            Migration migration = step.migration();
            RunConnection recorded = RunConnection.recording(session.database().dialect(),
                    new DataLossCheck(migration.getVersion(), options.allowDataLoss(), session.migrationConnection()));
            List<String> notes = new ArrayList<>();
            notes.add("statements only: " + (migration.isTransactional() ? session.database().dialect().displayName()
                    + " commits DDL implicitly" : "the migration is non-transactional")
                    + ", so a dry run cannot roll back its down() and does not execute it; the data-loss guard "
                    + "checked the data as it is now");
            long start = System.nanoTime();
            try {
                ((SafelyReversible) migration).down(recorded);
            }
            catch (Exception ex) {
                if (Outcomes.find(ex, RollbackWouldLoseDataException.class) != null) {
                    throw failed(migration, recorded, ex, start, false);
                }
                notes.add("dry run stopped: " + Outcomes.describe(ex));
            }
            notes.addAll(recorded.notes());
            outcomes.add(this.listeners.migrationFinished(Outcomes.of(migration, Direction.DOWN, Outcome.DRY_RUN,
                    Outcomes.millisSince(start), recorded.statements(), null, notes)));
        }
        return outcomes;
    }

    private List<MigrationOutcome> stepByStep(RunSession session, List<Step> steps, RollbackOptions options)
            throws SQLException {
        List<MigrationOutcome> outcomes = new ArrayList<>();
        @Nullable Long size = session.sizes().exact();
        for (Step step : steps) {
            session.verifyLock();
            boolean transactional = MigrationExecution.runsInTransaction(step.migration(), session);
            Connection connection = session.connection();
            connection.setAutoCommit(!transactional);
            try {
                MigrationOutcome outcome = down(session, step, options, true, size);
                if (transactional) {
                    connection.commit();
                }
                else {
                    Transactions.run(connection, () -> session.history().markRolledBack(step.row(), Instant.now(),
                            session.appliedBy(), outcome.executionTime().toMillis()));
                }
                outcomes.add(this.listeners.migrationFinished(outcome));
                size = outcome.sizeAfterBytes();
            }
            catch (MigrationException ex) {
                if (!outcomes.isEmpty()) {
                    logger.error("The steps before {} stay rolled back: {}", step.migration().getVersion(),
                            outcomes.stream().map(MigrationOutcome::version).toList());
                }
                throw ex;
            }
            finally {
                Transactions.rollbackQuietly(connection);
            }
        }
        return outcomes;
    }

    /**
     * Runs one {@code down} on the session's connection, within whatever transaction is open, and marks its row
     * (inside that transaction) unless the migration runs outside one.
     */
    private MigrationOutcome down(RunSession session, Step step, RollbackOptions options, boolean real,
            @Nullable Long sizeBefore) {
        Migration migration = step.migration();
        DataLossCheck guard = new DataLossCheck(migration.getVersion(), options.allowDataLoss(),
                session.migrationConnection());
        RunConnection target = RunConnection.running(session.migrationConnection(), guard);
        long start = System.nanoTime();
        try {
            ((SafelyReversible) migration).down(target);
            long millis = Outcomes.millisSince(start);
            if (!real) {
                return Outcomes.of(migration, Direction.DOWN, Outcome.DRY_RUN, millis, target.statements(), null,
                        target.notes());
            }
            Long sizeAfter = session.sizes().exact();
            if (!session.connection().getAutoCommit()) {
                session.history().markRolledBack(step.row(), Instant.now(), session.appliedBy(), millis);
            }
            logger.info("{}Rolled back {} \"{}\" [{}] in {} ms{}", session.logPrefix(), migration.getVersion(),
                    migration.getDescription(),
                    migration.getDomain(), millis, Outcomes.sizes(session.sizes().subject(), sizeBefore, sizeAfter));
            return Outcomes.of(migration, Direction.DOWN, Outcome.SUCCESS, millis, target.statements(), null,
                    target.notes(), sizeBefore, sizeAfter);
        }
        catch (Exception ex) {
            throw failed(migration, target, ex, start, MigrationExecution.runsInTransaction(migration, session));
        }
    }

    private MigrationException failed(Migration migration, RunConnection target, Exception ex, long start,
            boolean transactional) {
        RollbackWouldLoseDataException loss = Outcomes.find(ex, RollbackWouldLoseDataException.class);
        MigrationException error;
        if (loss != null) {
            error = loss;
        }
        else if (ex instanceof MigrationException migrationException && Outcomes.find(ex, SQLException.class) == null) {
            error = migrationException;
        }
        else {
            error = new MigrationExecutionException(migration.getVersion(), "Rollback of " + migration.getVersion()
                    + " \"" + migration.getDescription() + "\" failed: " + Outcomes.describe(ex)
                    + (transactional ? ". Nothing of this rollback was applied"
                            : ". Its down() ran outside a transaction, so the schema may be partially rolled back"),
                    MigrationAdvice.rollbackFailed(), Outcomes.failedStatement(ex, target.statements()),
                    Outcomes.sqlState(ex), ex);
        }
        logger.error(error.getMessage());
        this.listeners.migrationFinished(Outcomes.of(migration, Direction.DOWN, Outcome.FAILED,
                Outcomes.millisSince(start), target.statements(), error.getMessage(), target.notes()));
        return error;
    }

    /** One migration to roll back, with the row that records it as applied. */
    private record Step(Migration migration, HistoryRecord row) {
    }
}
