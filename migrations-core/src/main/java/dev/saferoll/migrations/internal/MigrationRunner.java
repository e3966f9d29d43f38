package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationListener.Operation;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationOutcome.Direction;
import dev.saferoll.migrations.MigrationOutcome.Outcome;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.history.HistoryRecord;
import dev.saferoll.migrations.history.HistoryStatus;
import dev.saferoll.migrations.history.HistoryStore;
import dev.saferoll.migrations.history.JdbcHistoryStore;
import dev.saferoll.migrations.lock.AdvisoryLock;
import dev.saferoll.migrations.lock.MigrationLock;
import dev.saferoll.migrations.safety.DataLossGuard;
import dev.saferoll.migrations.safety.LintFailedException;
import dev.saferoll.migrations.safety.LintMode;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.schema.grammar.Dialect;
import dev.saferoll.migrations.schema.grammar.Grammar;

/**
 * Does the work behind {@link dev.saferoll.migrations.Migrations}: takes the lock, reads the history once, validates,
 * and applies or rolls back migrations, each in its own transaction together with its history row.
 */
public final class MigrationRunner {

    private static final Logger logger = LoggerFactory.getLogger(MigrationRunner.class);

    /** The execution time of the FAILED row written before a non-transactional migration starts. */
    public static final long IN_PROGRESS_MILLIS = -1;

    private final MigrationsConfiguration configuration;

    private final List<Migration> migrations;

    private final Listeners listeners;

    private final ConnectionOpener opener;

    public MigrationRunner(MigrationsConfiguration configuration) {
        this.configuration = configuration;
        this.migrations = configuration.migrations()
            .stream()
            .sorted(Comparator.comparing(Migration::getVersion))
            .toList();
        this.listeners = new Listeners(configuration.listeners());
        this.opener = new ConnectionOpener(configuration.dataSource(), configuration.connectRetries(),
                configuration.connectRetriesInterval());
    }

    /** The migrations in the code, ordered by version. */
    public List<Migration> migrations() {
        return this.migrations;
    }

    public MigrateResult migrate(MigrateOptions options) {
        return run(Operation.MIGRATE, true, (session) -> migrate(session, options, true, Operation.MIGRATE));
    }

    public MigrationStatus status() {
        try (Session session = open(false)) {
            return new MigrationPlan(this.migrations, session.store.readAll(session.connection)).status();
        }
        catch (SQLException ex) {
            throw databaseError("read the migration history", ex);
        }
    }

    public Optional<MigrationOutcome> preview(MigrationVersion version) {
        MigrateOptions options = MigrateOptions.defaults().withDryRun(true).withTarget(MigrationTarget.upTo(version));
        MigrateResult result = run(null, true, (session) -> migrate(session, options, false, null));
        return result.migrations().stream().filter((outcome) -> outcome.version().equals(version)).findFirst();
    }

    public MigrateResult fresh() {
        return run(Operation.FRESH, true, (session) -> {
            List<String> drops = session.grammar.dropAllObjects(session.schema);
            try (Statement statement = session.connection.createStatement()) {
                for (String sql : drops) {
                    statement.execute(sql);
                }
            }
            logger.warn("Dropped every object in schema {} (db:fresh)", session.schema);
            return migrate(session, MigrateOptions.defaults(), true, Operation.FRESH);
        });
    }

    public boolean reset(MigrationVersion version) {
        return run(null, true, (session) -> {
            int deleted = session.store.deleteFailed(session.connection, version);
            if (deleted > 0) {
                logger.info("Cleared the FAILED record of {}; the next migrate runs it again", version);
            }
            else {
                logger.info("{} has no FAILED record; nothing to reset", version);
            }
            return deleted > 0;
        });
    }

    public List<MigrationVersion> baseline(MigrationVersion version) {
        return run(null, true, (session) -> {
            Connection connection = session.connection;
            ensureTable(session);
            MigrationPlan plan = new MigrationPlan(this.migrations, session.store.readAll(connection));
            List<String> problems = new ArrayList<>(plan.duplicates());
            List<Migration> toRecord = new ArrayList<>();
            for (Migration migration : plan.migrations().values()) {
                if (migration.getVersion().compareTo(version) > 0) {
                    continue;
                }
                Optional<HistoryRecord> last = plan.lastRow(migration.getVersion());
                if (last.isPresent() && last.get().status() == HistoryStatus.FAILED) {
                    problems.add("Migration " + migration.getVersion() + " is FAILED; run db:reset "
                            + migration.getVersion() + " after fixing it, then baseline again");
                }
                else if (last.isEmpty() || last.get().status() != HistoryStatus.APPLIED) {
                    toRecord.add(migration);
                }
            }
            if (!problems.isEmpty()) {
                throw new MigrationValidationException(problems);
            }
            String by = session.appliedBy();
            inTransaction(connection, () -> {
                for (Migration migration : toRecord) {
                    session.store.insert(connection, HistoryRecord.attempt(migration.getVersion(),
                            migration.getDescription(), migration.getDomain(), migration instanceof SafelyReversible,
                            HistoryStatus.APPLIED, Instant.now(), by, 0, null, null));
                }
            });
            List<MigrationVersion> recorded = toRecord.stream().map(Migration::getVersion).toList();
            logger.info("Baselined {} migration(s) up to {} as APPLIED without running them: {}", recorded.size(),
                    version, recorded);
            return recorded;
        });
    }

    public RollbackResult rollback(int steps, RollbackOptions options) {
        if (steps < 1) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "steps must be at least 1 but was " + steps
                    + "; pass how many of the last applied migrations to roll back, for example 1");
        }
        return run(Operation.ROLLBACK, true, (session) -> rollback(session, steps, options));
    }

    private MigrateResult migrate(Session session, MigrateOptions options, boolean validate,
            @Nullable Operation operation) throws SQLException {
        Connection connection = session.connection;
        if (!options.dryRun()) {
            ensureTable(session);
        }
        MigrationPlan plan = new MigrationPlan(this.migrations, session.store.readAll(connection));
        if (validate) {
            List<String> problems = plan.problems(options.target(), this.configuration.failOnMissing(),
                    this.configuration.outOfOrder());
            if (!problems.isEmpty()) {
                throw new MigrationValidationException(problems);
            }
        }
        List<Migration> pending = plan.pending(options.target());
        if (pending.isEmpty()) {
            logger.info("Database is up to date (current version {})",
                    plan.currentVersion().map(MigrationVersion::value).orElse("none"));
            return finished(operation, new MigrateResult(List.of(), options.dryRun(), plan.status()));
        }
        logger.info("{} pending migration(s){}: {}", pending.size(), options.dryRun() ? " (dry run)" : "",
                pending.stream().map(Migration::getVersion).toList());
        if (options.dryRun()) {
            List<MigrationOutcome> outcomes = dryRun(session, pending);
            return finished(operation, new MigrateResult(outcomes, true, plan.status()));
        }
        List<HistoryRecord> rows = new ArrayList<>(plan.rows());
        List<MigrationOutcome> outcomes = new ArrayList<>();
        @Nullable Long size = session.size();
        for (Migration migration : pending) {
            session.lock.verify();
            Applied applied = migration.isTransactional() ? applyInTransaction(session, migration, size)
                    : applyWithoutTransaction(session, migration, size);
            rows.add(applied.row());
            outcomes.add(applied.outcome());
            size = applied.row().sizeAfterBytes();
        }
        MigrationStatus status = plan.with(rows).status();
        logger.info("Applied {} migration(s); database is now at version {}", outcomes.size(),
                status.currentVersion().map(MigrationVersion::value).orElse("none"));
        return finished(operation, new MigrateResult(outcomes, false, status));
    }

    private <R> R finished(@Nullable Operation operation, R result) {
        if (operation != null) {
            MigrationStatus status = (result instanceof MigrateResult migrate) ? migrate.status()
                    : ((RollbackResult) result).status();
            this.listeners.runFinished(operation, status);
        }
        return result;
    }

    private Applied applyInTransaction(Session session, Migration migration, @Nullable Long sizeBefore) {
        Connection connection = session.connection;
        LintedMigrationConnection target = linted(session, migration);
        long start = System.nanoTime();
        try {
            connection.setAutoCommit(false);
            migration.up(target);
            long millis = millisSince(start);
            Long sizeAfter = session.sizeAfter(target.executedStatements(), sizeBefore);
            HistoryRecord row = session.store.insert(connection, record(migration, HistoryStatus.APPLIED,
                    session.appliedBy(), millis, sizeBefore, sizeAfter));
            FaultHooks.reached(FaultHooks.AFTER_HISTORY_INSERT);
            connection.commit();
            FaultHooks.reached(FaultHooks.AFTER_COMMIT);
            connection.setAutoCommit(true);
            return applied(migration, row, target.executedStatements(), target.notes());
        }
        catch (LintFailedException ex) {
            rollbackQuietly(connection);
            logger.error("{} Nothing of this migration was applied.", ex.getMessage());
            throw ex;
        }
        catch (Exception ex) {
            rollbackQuietly(connection);
            throw failed(session, migration, target.executedStatements(), ex, start, sizeBefore, true);
        }
    }

    private Applied applyWithoutTransaction(Session session, Migration migration, @Nullable Long sizeBefore) {
        Connection connection = session.connection;
        LintedMigrationConnection target = linted(session, migration);
        long start = System.nanoTime();
        try {
            connection.setAutoCommit(true);
            // Committed before up() runs: if the process dies midway, the next start finds FAILED, not a clean slate.
            session.store.insert(connection, record(migration, HistoryStatus.FAILED, session.appliedBy(),
                    IN_PROGRESS_MILLIS, sizeBefore, null));
            migration.up(target);
            long millis = millisSince(start);
            Long sizeAfter = session.sizeAfter(target.executedStatements(), sizeBefore);
            HistoryRecord[] row = new HistoryRecord[1];
            inTransaction(connection, () -> {
                session.store.deleteFailed(connection, migration.getVersion());
                row[0] = session.store.insert(connection, record(migration, HistoryStatus.APPLIED,
                        session.appliedBy(), millis, sizeBefore, sizeAfter));
            });
            List<String> notes = new ArrayList<>(target.notes());
            notes.add(0, "ran outside a transaction");
            return applied(migration, row[0], target.executedStatements(), notes);
        }
        catch (Exception ex) {
            throw failed(session, migration, target.executedStatements(), ex, start, sizeBefore, false);
        }
    }

    private Applied applied(Migration migration, HistoryRecord row, List<String> statements, List<String> notes) {
        MigrationOutcome outcome = new MigrationOutcome(migration.getVersion(), migration.getDescription(),
                migration.getDomain(), Direction.UP, Outcome.SUCCESS, Duration.ofMillis(row.executionTimeMs()),
                row.sizeBeforeBytes(), row.sizeAfterBytes(), statements, null, notes);
        logger.info("Applied {} \"{}\" [{}] in {} ms{}", migration.getVersion(), migration.getDescription(),
                migration.getDomain(), row.executionTimeMs(), sizes(row.sizeBeforeBytes(), row.sizeAfterBytes()));
        this.listeners.migrationFinished(outcome);
        return new Applied(row, outcome);
    }

    private MigrationExecutionException failed(Session session, Migration migration, List<String> statements,
            Exception ex, long start, @Nullable Long sizeBefore, boolean transactional) {
        long millis = millisSince(start);
        SQLException sql = find(ex, SQLException.class);
        String statement = failedStatement(ex, sql, statements);
        String sqlState = (sql != null) ? sql.getSQLState() : null;
        MigrationVersion version = migration.getVersion();
        try {
            session.connection.setAutoCommit(true);
            inTransaction(session.connection, () -> {
                if (!transactional) {
                    session.store.deleteFailed(session.connection, version);
                }
                session.store.insert(session.connection, record(migration, HistoryStatus.FAILED, session.appliedBy(),
                        millis, sizeBefore, null));
            });
        }
        catch (SQLException | RuntimeException recordFailure) {
            logger.warn("Could not record {} as FAILED in {}", version, session.store.table(), recordFailure);
        }
        String message = "Migration " + version + " \"" + migration.getDescription() + "\" failed: "
                + describe(ex, sql) + ((statement != null) ? " in statement: " + statement : "")
                + (transactional ? ". Nothing of this migration was applied; fix it, run db:reset " + version
                        + ", then migrate again"
                        : ". It ran outside a transaction, so the schema may be partially changed and needs a manual "
                                + "check; fix it, run db:reset " + version + ", then migrate again");
        logger.error(message);
        this.listeners.migrationFinished(new MigrationOutcome(version, migration.getDescription(),
                migration.getDomain(), Direction.UP, Outcome.FAILED, Duration.ofMillis(millis), sizeBefore, null,
                statements, message, List.of()));
        return new MigrationExecutionException(version, message, statement, sqlState, ex);
    }

    private List<MigrationOutcome> dryRun(Session session, List<Migration> pending) throws SQLException {
        Connection connection = session.connection;
        List<MigrationOutcome> outcomes = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            for (Migration migration : pending) {
                if (!migration.isTransactional() || !session.grammar.supportsTransactionalDdl()) {
                    outcomes.add(notify(outcome(migration, Direction.UP, Outcome.DRY_RUN, 0, List.of(), null,
                            List.of("non-transactional: not executed in dry run, so its statements are not known"))));
                    continue;
                }
                // A dry run reports every finding rather than stopping at the first.
                LintedMigrationConnection target = linted(session, migration,
                        (this.configuration.lintMode() == LintMode.OFF) ? LintMode.OFF : LintMode.WARN);
                long start = System.nanoTime();
                try {
                    migration.up(target);
                }
                catch (Exception ex) {
                    SQLException sql = find(ex, SQLException.class);
                    String message = "Migration " + migration.getVersion() + " would fail: " + describe(ex, sql);
                    logger.warn("Dry run: {}", message);
                    outcomes.add(notify(outcome(migration, Direction.UP, Outcome.FAILED, millisSince(start),
                            target.executedStatements(), message, target.notes())));
                    break;
                }
                outcomes.add(notify(outcome(migration, Direction.UP, Outcome.DRY_RUN, millisSince(start),
                        target.executedStatements(), null, target.notes())));
                logger.info("Dry run of {} \"{}\": {} statement(s)", migration.getVersion(),
                        migration.getDescription(), target.executedStatements().size());
            }
        }
        finally {
            rollbackQuietly(connection);
        }
        return outcomes;
    }

    private RollbackResult rollback(Session session, int steps, RollbackOptions options) throws SQLException {
        Connection connection = session.connection;
        MigrationPlan plan = new MigrationPlan(this.migrations, session.store.readAll(connection));
        List<HistoryRecord> applied = plan.appliedNewestFirst();
        if (steps > applied.size()) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "Cannot roll back " + steps + " step(s): only "
                    + applied.size() + " migration(s) are applied; pass a number from 1 to " + applied.size());
        }
        List<HistoryRecord> targets = applied.subList(0, steps);
        List<Migration> downs = new ArrayList<>();
        for (HistoryRecord row : targets) {
            Migration migration = plan.migration(row.version()).orElse(null);
            if (migration == null) {
                throw new RollbackRefusedException(row.version(), row.description(), "is applied but no longer in "
                        + "the code, so it has no down() to run; restore the class or roll back fewer steps");
            }
            if (!(migration instanceof SafelyReversible)) {
                throw new RollbackRefusedException(migration.getVersion(), migration.getDescription());
            }
            downs.add(migration);
        }
        logger.info("Rolling back {} migration(s){}: {}", steps, options.dryRun() ? " (dry run)" : "",
                downs.stream().map(Migration::getVersion).toList());
        if (options.dryRun()) {
            return finished(Operation.ROLLBACK,
                    new RollbackResult(dryRunRollback(session, downs, options), true, plan.status()));
        }
        List<HistoryRecord> rows = new ArrayList<>(plan.rows());
        List<MigrationOutcome> outcomes = new ArrayList<>();
        @Nullable Long size = session.size();
        for (int i = 0; i < downs.size(); i++) {
            session.lock.verify();
            Migration migration = downs.get(i);
            HistoryRecord row = targets.get(i);
            GuardedMigrationConnection target = guarded(session, migration, options.force());
            long start = System.nanoTime();
            try {
                connection.setAutoCommit(false);
                ((SafelyReversible) migration).down(target);
                long millis = millisSince(start);
                Long sizeAfter = session.size();
                HistoryRecord updated = session.store.markRolledBack(connection, row, Instant.now(),
                        session.appliedBy(), millis);
                connection.commit();
                connection.setAutoCommit(true);
                rows.set(rows.indexOf(row), updated);
                MigrationOutcome outcome = outcome(migration, Direction.DOWN, Outcome.SUCCESS, millis,
                        target.executedStatements(), null, target.notes(), size, sizeAfter);
                logger.info("Rolled back {} \"{}\" [{}] in {} ms{}", migration.getVersion(),
                        migration.getDescription(), migration.getDomain(), millis, sizes(size, sizeAfter));
                outcomes.add(notify(outcome));
                size = sizeAfter;
            }
            catch (Exception ex) {
                rollbackQuietly(connection);
                throw rollbackFailed(migration, target, ex, start, outcomes);
            }
        }
        MigrationStatus status = plan.with(rows).status();
        return finished(Operation.ROLLBACK, new RollbackResult(outcomes, false, status));
    }

    private MigrationException rollbackFailed(Migration migration, GuardedMigrationConnection target, Exception ex,
            long start, List<MigrationOutcome> done) {
        RollbackWouldLoseDataException loss = find(ex, RollbackWouldLoseDataException.class);
        SQLException sql = find(ex, SQLException.class);
        String doneText = done.isEmpty() ? "" : " The steps before it stay rolled back: "
                + done.stream().map(MigrationOutcome::version).toList() + ".";
        String message = (loss != null) ? loss.getMessage() + "." + doneText
                : "Rollback of " + migration.getVersion() + " \"" + migration.getDescription() + "\" failed: "
                        + describe(ex, sql) + " Nothing of this rollback was applied and the migration stays APPLIED."
                        + doneText;
        logger.error(message);
        notify(outcome(migration, Direction.DOWN, Outcome.FAILED, millisSince(start), target.executedStatements(),
                message, target.notes()));
        if (loss != null) {
            return loss;
        }
        if (ex instanceof MigrationException migrationException && sql == null) {
            return migrationException;
        }
        String statement = failedStatement(ex, sql, target.executedStatements());
        return new MigrationExecutionException(migration.getVersion(), message, statement,
                (sql != null) ? sql.getSQLState() : null, ex);
    }

    private List<MigrationOutcome> dryRunRollback(Session session, List<Migration> downs, RollbackOptions options)
            throws SQLException {
        Connection connection = session.connection;
        List<MigrationOutcome> outcomes = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            for (Migration migration : downs) {
                GuardedMigrationConnection target = guarded(session, migration, options.force());
                long start = System.nanoTime();
                try {
                    ((SafelyReversible) migration).down(target);
                }
                catch (Exception ex) {
                    throw rollbackFailed(migration, target, ex, start, List.of());
                }
                outcomes.add(notify(outcome(migration, Direction.DOWN, Outcome.DRY_RUN, millisSince(start),
                        target.executedStatements(), null, target.notes())));
            }
        }
        finally {
            rollbackQuietly(connection);
        }
        return outcomes;
    }

    private LintedMigrationConnection linted(Session session, Migration migration) {
        return linted(session, migration, this.configuration.lintMode());
    }

    private LintedMigrationConnection linted(Session session, Migration migration, LintMode mode) {
        return new LintedMigrationConnection(new JdbcMigrationConnection(session.connection, session.dialect),
                migration, mode, this.configuration.lockTimeout() != null);
    }

    private GuardedMigrationConnection guarded(Session session, Migration migration, boolean force) {
        JdbcMigrationConnection delegate = new JdbcMigrationConnection(session.connection, session.dialect);
        return new GuardedMigrationConnection(delegate, new DataLossGuard(migration.getVersion(), force));
    }

    private MigrationOutcome notify(MigrationOutcome outcome) {
        this.listeners.migrationFinished(outcome);
        return outcome;
    }

    private static MigrationOutcome outcome(Migration migration, Direction direction, Outcome outcome, long millis,
            List<String> statements, @Nullable String failure, List<String> notes) {
        return outcome(migration, direction, outcome, millis, statements, failure, notes, null, null);
    }

    private static MigrationOutcome outcome(Migration migration, Direction direction, Outcome outcome, long millis,
            List<String> statements, @Nullable String failure, List<String> notes, @Nullable Long sizeBefore,
            @Nullable Long sizeAfter) {
        return new MigrationOutcome(migration.getVersion(), migration.getDescription(), migration.getDomain(),
                direction, outcome, Duration.ofMillis(millis), sizeBefore, sizeAfter, statements, failure, notes);
    }

    private static HistoryRecord record(Migration migration, HistoryStatus status, String by, long millis,
            @Nullable Long sizeBefore, @Nullable Long sizeAfter) {
        return HistoryRecord.attempt(migration.getVersion(), migration.getDescription(), migration.getDomain(),
                migration instanceof SafelyReversible, status, Instant.now(), by, millis, sizeBefore, sizeAfter);
    }

    private void ensureTable(Session session) throws SQLException {
        if (session.store.exists(session.connection)) {
            return;
        }
        inTransaction(session.connection, () -> session.store.ensureTable(session.connection));
    }

    private <T> T run(@Nullable Operation operation, boolean lock, Work<T> work) {
        try (Session session = open(lock)) {
            if (operation != null) {
                this.listeners.runStarted(operation);
            }
            return work.run(session);
        }
        catch (MigrationException ex) {
            if (operation != null) {
                this.listeners.runFailed(operation, ex);
            }
            throw ex;
        }
        catch (SQLException ex) {
            MigrationException error = databaseError("run migrations", ex);
            if (operation != null) {
                this.listeners.runFailed(operation, error);
            }
            throw error;
        }
    }

    private Session open(boolean lock) {
        Connection connection = this.opener.open();
        try {
            connection.setAutoCommit(true);
            Dialect dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
            Grammar grammar = dialect.grammar();
            runQuietly(connection, grammar.connectionSetup());
            if (lock) {
                // Session-wide for the whole run rather than SET LOCAL per migration: one round trip per run, and
                // non-transactional migrations are covered too.
                execute(connection, grammar.sessionTimeouts(this.configuration.lockTimeout(),
                        this.configuration.statementTimeout()));
            }
            String schema = this.configuration.table().schemaName().orElse(null);
            if (schema == null) {
                schema = queryForString(connection, grammar.currentSchemaQuery());
            }
            HistoryStore store = new JdbcHistoryStore(this.configuration.table(), schema, dialect);
            MigrationLock.Held held = null;
            if (lock) {
                held = new AdvisoryLock(this.configuration.dataSource(), grammar, schema, this.configuration.table())
                    .acquire(this.configuration.lockWaitTimeout());
            }
            return new Session(connection, dialect, grammar, schema, store, held);
        }
        catch (SQLException ex) {
            closeQuietly(connection);
            throw databaseError("prepare the migration run", ex);
        }
        catch (RuntimeException ex) {
            closeQuietly(connection);
            throw ex;
        }
    }

    private static void runQuietly(Connection connection, List<String> statements) {
        for (String sql : statements) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            catch (SQLException ex) {
                logger.debug("Skipped '{}': {}", sql, ex.getMessage());
            }
        }
    }

    private static MigrationException databaseError(String action, SQLException ex) {
        return new MigrationException(ErrorCode.EXECUTION_FAILED, "Could not " + action + ": " + ex.getMessage()
                + ((ex.getSQLState() != null) ? " (SQLSTATE " + ex.getSQLState() + ")" : "")
                + "; check the database connection and permissions, then try again", ex);
    }

    private static void inTransaction(Connection connection, SqlAction action) throws SQLException {
        connection.setAutoCommit(false);
        try {
            action.run();
            connection.commit();
        }
        catch (SQLException | RuntimeException ex) {
            rollbackQuietly(connection);
            throw ex;
        }
        finally {
            connection.setAutoCommit(true);
        }
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static @Nullable String queryForString(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException ex) {
            logger.debug("Could not roll back", ex);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        }
        catch (SQLException ex) {
            logger.debug("Could not close the connection", ex);
        }
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static @Nullable String failedStatement(Exception ex, @Nullable SQLException sql, List<String> executed) {
        StatementFailedException failed = find(ex, StatementFailedException.class);
        if (failed != null) {
            return failed.getStatement();
        }
        return (sql != null && !executed.isEmpty()) ? executed.get(executed.size() - 1) : null;
    }

    private static String describe(Exception ex, @Nullable SQLException sql) {
        if (sql != null) {
            return sql.getMessage().strip().replaceAll("\\s+", " ") + ((sql.getSQLState() != null) ? " (SQLSTATE " + sql.getSQLState() + ")"
                    : "");
        }
        return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
    }

    static <E extends Throwable> @Nullable E find(Throwable ex, Class<E> type) {
        Throwable current = ex;
        while (current != null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = (current.getCause() != current) ? current.getCause() : null;
        }
        return null;
    }

    static String sizes(@Nullable Long before, @Nullable Long after) {
        if (before == null || after == null) {
            return "";
        }
        return "; database size " + megabytes(before) + " -> " + megabytes(after);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    @FunctionalInterface
    private interface Work<T> {

        T run(Session session) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlAction {

        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface SizeQuery {

        @Nullable Long run() throws SQLException;
    }

    private record Applied(HistoryRecord row, MigrationOutcome outcome) {
    }

    /** One run's connection, its dialect, the history store and the held lock. */
    private static final class Session implements AutoCloseable {

        final Connection connection;

        final Dialect dialect;

        final Grammar grammar;

        final String schema;

        final HistoryStore store;

        final MigrationLock.@Nullable Held lockOrNull;

        final MigrationLock.Held lock;

        private @Nullable String appliedBy;

        private boolean sizeAvailable = true;

        private @Nullable Long relationMark;

        Session(Connection connection, Dialect dialect, Grammar grammar, String schema, HistoryStore store,
                MigrationLock.@Nullable Held lock) {
            this.connection = connection;
            this.dialect = dialect;
            this.grammar = grammar;
            this.schema = schema;
            this.store = store;
            this.lockOrNull = lock;
            this.lock = (lock != null) ? lock : NOT_LOCKED;
        }

        String appliedBy() throws SQLException {
            if (this.appliedBy == null) {
                String user = queryForString(this.connection, this.grammar.currentUserQuery());
                this.appliedBy = (user != null) ? user : "unknown";
            }
            return this.appliedBy;
        }

        /**
         * The database size, measured exactly (PostgreSQL walks every file of the database for it). If the database
         * refuses to tell once, sizes are left out for the rest of the run.
         */
        @Nullable Long size() {
            return measure(() -> {
                Long size = null;
                try (Statement statement = this.connection.createStatement();
                        ResultSet rows = statement.executeQuery(this.grammar.databaseSizeQuery())) {
                    size = rows.next() ? rows.getLong(1) : null;
                }
                String markQuery = this.grammar.relationMarkQuery();
                this.relationMark = (size != null && markQuery != null) ? queryForLong(markQuery) : null;
                return size;
            });
        }

        /**
         * The size after a migration that started at {@code before}. When the migration only ran CREATE, ALTER or
         * COMMENT statements, the growth is the size of the relations it created or rewrote, found through the
         * catalog's indexes, so the cost does not grow with the number of tables; anything else (data changes,
         * drops, statements on the raw connection) is measured exactly.
         */
        @Nullable Long sizeAfter(List<String> statements, @Nullable Long before) {
            Long mark = this.relationMark;
            String growthQuery = this.grammar.relationGrowthQuery();
            if (before == null || mark == null || growthQuery == null || !onlyCreatesOrAlters(statements)) {
                return size();
            }
            return measure(() -> {
                try (PreparedStatement statement = this.connection.prepareStatement(growthQuery)) {
                    statement.setLong(1, mark);
                    statement.setLong(2, mark);
                    statement.setLong(3, mark);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        this.relationMark = rows.getLong(2);
                        return before + rows.getLong(1);
                    }
                }
            });
        }

        private static boolean onlyCreatesOrAlters(List<String> statements) {
            if (statements.isEmpty()) {
                return false;
            }
            for (String sql : statements) {
                String start = sql.stripLeading().toUpperCase(Locale.ROOT);
                if (!start.startsWith("CREATE ") && !start.startsWith("ALTER ") && !start.startsWith("COMMENT ")) {
                    return false;
                }
            }
            return true;
        }

        private long queryForLong(String sql) throws SQLException {
            try (Statement statement = this.connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }

        private @Nullable Long measure(SizeQuery query) {
            if (!this.sizeAvailable) {
                return null;
            }
            boolean inTransaction = true;
            try {
                inTransaction = !this.connection.getAutoCommit();
                return query.run();
            }
            catch (SQLException ex) {
                if (inTransaction) {
                    throw new MigrationException(ErrorCode.EXECUTION_FAILED, "Could not measure the database size: "
                            + ex.getMessage(), ex);
                }
                logger.warn("Could not measure the database size; leaving it out: {}", ex.getMessage());
                this.sizeAvailable = false;
                this.relationMark = null;
                return null;
            }
        }

        @Override
        public void close() {
            if (this.lockOrNull != null) {
                this.lockOrNull.close();
                runQuietly(this.connection, this.grammar.resetSessionTimeouts());
            }
            runQuietly(this.connection, this.grammar.connectionReset());
            closeQuietly(this.connection);
        }

        private static final MigrationLock.Held NOT_LOCKED = new MigrationLock.Held() {

            @Override
            public void verify() {
            }

            @Override
            public void close() {
            }
        };
    }
}
