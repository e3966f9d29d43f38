package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationOutcome.Direction;
import dev.saferoll.migrations.MigrationOutcome.Outcome;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.internal.check.StatementCheck;
import dev.saferoll.migrations.safety.LintFailedException;

/**
 * Applies one migration in a run session. A transactional migration and its history row commit together; a
 * non-transactional one is recorded as in progress before it starts, so a crash midway cannot go unnoticed. On a
 * dialect whose DDL commits implicitly (MySQL, H2) every migration takes the second path: its DDL and its row could
 * not commit together anyway. A failure is recorded as FAILED and raised with what to do next.
 */
final class MigrationExecution {

    private static final Logger logger = LoggerFactory.getLogger(MigrationExecution.class);

    /** The execution time of the row written before a non-transactional migration starts. */
    static final long IN_PROGRESS_MILLIS = -1;

    private final RunSession session;

    private final Listeners listeners;

    private final Adoption adoption;

    /**
     * @param adoption how far an existing schema already is, for the advice when a first run finds its tables
     */
    MigrationExecution(RunSession session, Listeners listeners, Adoption adoption) {
        this.session = session;
        this.listeners = listeners;
        this.adoption = adoption;
    }

    /** Applies the migration, starting from {@code sizeBefore}, and returns its history row and outcome. */
    Applied apply(Migration migration, StatementCheck check, @Nullable Long sizeBefore) {
        return runsInTransaction(migration, this.session) ? inTransaction(migration, check, sizeBefore)
                : withoutTransaction(migration, check, sizeBefore);
    }

    /** Whether the migration runs in a transaction: it asks for one, and the dialect's DDL takes part in it. */
    static boolean runsInTransaction(Migration migration, RunSession session) {
        return migration.isTransactional() && session.database().grammar().supportsTransactionalDdl();
    }

    private Applied inTransaction(Migration migration, StatementCheck check, @Nullable Long sizeBefore) {
        Connection connection = this.session.connection();
        RunConnection target = RunConnection.running(this.session.migrationConnection(),
                this.session.sizes().watching(check));
        long start = System.nanoTime();
        try {
            connection.setAutoCommit(false);
            migration.up(target);
            long millis = Outcomes.millisSince(start);
            Long sizeAfter = this.session.sizes().after(target.statements(), sizeBefore);
            HistoryRecord row = this.session.history()
                .insert(record(migration, HistoryStatus.APPLIED, millis, sizeBefore, sizeAfter));
            connection.commit();
            connection.setAutoCommit(true);
            return applied(migration, row, target.statements(), target.notes());
        }
        catch (LintFailedException ex) {
            Transactions.rollbackQuietly(connection);
            logger.error("{} Nothing of this migration was applied.", ex.getMessage());
            throw ex;
        }
        catch (Exception ex) {
            Transactions.rollbackQuietly(connection);
            throw failed(migration, target.statements(), ex, start, sizeBefore, true);
        }
    }

    private Applied withoutTransaction(Migration migration, StatementCheck check, @Nullable Long sizeBefore) {
        Connection connection = this.session.connection();
        RunConnection target = RunConnection.running(this.session.migrationConnection(),
                this.session.sizes().watching(check));
        HistoryStore history = this.session.history();
        long start = System.nanoTime();
        try {
            connection.setAutoCommit(true);
            // Committed before up() runs: if the process dies midway, the next start finds it, not a clean slate.
            history.insert(record(migration, HistoryStatus.FAILED, IN_PROGRESS_MILLIS, sizeBefore, null));
            migration.up(target);
            long millis = Outcomes.millisSince(start);
            Long sizeAfter = this.session.sizes().after(target.statements(), sizeBefore);
            HistoryRecord[] row = new HistoryRecord[1];
            Transactions.run(connection, () -> {
                history.deleteFailed(migration.getVersion());
                row[0] = history.insert(record(migration, HistoryStatus.APPLIED, millis, sizeBefore, sizeAfter));
            });
            List<String> notes = new ArrayList<>(target.notes());
            notes.add(0, migration.isTransactional() ? "ran outside a transaction: "
                    + this.session.database().dialect().displayName() + " commits DDL implicitly"
                    : "ran outside a transaction");
            return applied(migration, row[0], target.statements(), notes);
        }
        catch (Exception ex) {
            throw failed(migration, target.statements(), ex, start, sizeBefore, false);
        }
    }

    private Applied applied(Migration migration, HistoryRecord row, List<String> statements, List<String> notes) {
        MigrationOutcome outcome = Outcomes.of(migration, Direction.UP, Outcome.SUCCESS, row.executionTimeMs(),
                statements, null, notes, row.sizeBeforeBytes(), row.sizeAfterBytes());
        logger.info("{}Applied {} \"{}\" [{}] in {} ms{}", this.session.logPrefix(), migration.getVersion(),
                migration.getDescription(), migration.getDomain(), row.executionTimeMs(),
                Outcomes.sizes(this.session.sizes().subject(), row.sizeBeforeBytes(), row.sizeAfterBytes()));
        this.listeners.migrationFinished(outcome);
        return new Applied(row, outcome);
    }

    private MigrationExecutionException failed(Migration migration, List<String> statements, Exception ex,
            long start, @Nullable Long sizeBefore, boolean transactional) {
        long millis = Outcomes.millisSince(start);
        String statement = Outcomes.failedStatement(ex, statements);
        MigrationVersion version = migration.getVersion();
        Connection connection = this.session.connection();
        try {
            connection.setAutoCommit(true);
            Transactions.run(connection, () -> {
                if (!transactional) {
                    this.session.history().deleteFailed(version);
                }
                this.session.history().insert(record(migration, HistoryStatus.FAILED, millis, sizeBefore, null));
            });
        }
        catch (SQLException | RuntimeException recordFailure) {
            logger.warn("Could not record {} as FAILED in {}", version, this.session.history().table(),
                    recordFailure);
        }
        String description = "Migration " + version + " \"" + migration.getDescription() + "\" failed: "
                + Outcomes.describe(ex) + ((statement != null) ? " in statement: " + statement : "")
                + (transactional ? ". Nothing of this migration was applied"
                        : ". It ran outside a transaction, so the schema may be partially changed");
        String recommendation = transactional ? MigrationAdvice.resetFailed(version)
                : MigrationAdvice.resetPartial(version);
        Optional<MigrationVersion> baseline = existingSchema(migration, ex);
        if (baseline.isPresent()) {
            description += ". The migration history was empty, but the database already has the tables of the "
                    + "migrations up to " + baseline.get();
            recommendation = MigrationAdvice.adoptExisting(version, baseline.get());
        }
        MigrationExecutionException error = new MigrationExecutionException(version, description, recommendation,
                statement, Outcomes.sqlState(ex), ex);
        logger.error(error.getMessage());
        this.listeners.migrationFinished(Outcomes.of(migration, Direction.UP, Outcome.FAILED, millis, statements,
                error.getMessage(), List.of(), sizeBefore, null));
        return error;
    }

    private Optional<MigrationVersion> existingSchema(Migration migration, Exception ex) {
        SQLException cause = Outcomes.find(ex, SQLException.class);
        if (cause == null || !this.session.database().isDuplicateTable(cause)) {
            return Optional.empty();
        }
        return this.adoption.baseline(this.session, migration);
    }

    private HistoryRecord record(Migration migration, HistoryStatus status, long millis, @Nullable Long sizeBefore,
            @Nullable Long sizeAfter) throws SQLException {
        return HistoryRecord.attempt(migration, status, Instant.now(), this.session.appliedBy(), millis, sizeBefore,
                sizeAfter);
    }

    /** A migration that was applied: its history row and its outcome. */
    record Applied(HistoryRecord row, MigrationOutcome outcome) {
    }
}
