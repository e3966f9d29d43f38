package dev.saferoll.migrations.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationListener.Operation;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SchemaDrift;
import dev.saferoll.migrations.internal.MigrateOperation.ValidationPolicy;

/**
 * The operator's tools around a migrate run: reading the status, {@code db:baseline} for an existing database,
 * {@code db:reset} after a manual fix and {@code db:fresh} for development.
 */
public final class AdminOperations {

    private static final Logger logger = LoggerFactory.getLogger(AdminOperations.class);

    private final RunSessions sessions;

    private final List<Migration> migrations;

    private final MigrateOperation migrate;

    private final Listeners listeners;

    public AdminOperations(RunSessions sessions, List<Migration> migrations, MigrateOperation migrate,
            Listeners listeners) {
        this.sessions = sessions;
        this.migrations = migrations;
        this.migrate = migrate;
        this.listeners = listeners;
    }

    /** The status, read on one connection attempt without the lock. */
    public MigrationStatus status() {
        try (RunSession session = this.sessions.openForReading()) {
            return session.plan(this.migrations).status();
        }
        catch (SQLException ex) {
            throw Listeners.databaseError("read the migration history", ex);
        }
    }

    /**
     * Waits until every migration this code knows is applied (by another instance or a Job), reading the status
     * every {@code poll}; fails at once on a problem a run would refuse, and after {@code timeout} otherwise.
     */
    public MigrationStatus awaitUpToDate(Duration timeout, Duration poll, ValidationPolicy policy) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean logged = false;
        while (true) {
            MigrationPlan plan;
            try (RunSession session = this.sessions.openForReading()) {
                plan = session.plan(this.migrations);
            }
            catch (SQLException ex) {
                throw Listeners.databaseError("read the migration history", ex);
            }
            List<String> problems = plan.problems(MigrationTarget.latest(), policy);
            if (!problems.isEmpty()) {
                throw new MigrationValidationException(problems);
            }
            List<Migration> pending = plan.pending(MigrationTarget.latest());
            if (pending.isEmpty() && !plan.hasRunning()) {
                logger.info("Every migration is applied (current version {}); not migrating, as configured",
                        plan.currentVersion().map(MigrationVersion::value).orElse("none"));
                return plan.status();
            }
            if (System.nanoTime() > deadline) {
                throw new MigrationException(ErrorCode.NOT_MIGRATED, "After waiting " + timeout + ", "
                        + pending.size() + " migration(s) this release needs are still not applied: "
                        + pending.stream().map(Migration::getVersion).toList(), MigrationAdvice.notMigrated());
            }
            if (!logged) {
                logger.info("Waiting up to {} for {} pending migration(s) to be applied by another instance or a "
                        + "migration Job: {}", timeout, pending.size(),
                        pending.stream().map(Migration::getVersion).toList());
                logged = true;
            }
            try {
                Thread.sleep(poll.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new MigrationException(ErrorCode.NOT_MIGRATED, "Interrupted while waiting for migrations",
                        MigrationAdvice.notMigrated(), ex);
            }
        }
    }

    /** The database size measured now, on one connection attempt; empty where the database cannot tell. */
    public OptionalLong databaseSize() {
        try (RunSession session = this.sessions.openForReading()) {
            Long size = session.sizes().exact();
            return (size != null) ? OptionalLong.of(size) : OptionalLong.empty();
        }
    }

    /** How the live schema differs from the one recorded after the last run; empty when none was recorded. */
    public Optional<SchemaDrift> drift() {
        try (RunSession session = this.sessions.openForReading()) {
            return session.schemaRecord().drift();
        }
        catch (SQLException ex) {
            throw Listeners.databaseError("compare the schema with the recorded one", ex);
        }
    }

    /** Records the migrations up to {@code version} as applied without running them. */
    public List<MigrationVersion> baseline(MigrationVersion version) {
        return underLock((session) -> {
            session.history().ensureTable();
            MigrationPlan plan = session.plan(this.migrations);
            List<String> problems = new ArrayList<>(plan.duplicates());
            List<Migration> toRecord = new ArrayList<>();
            for (Migration migration : plan.migrations().values()) {
                if (migration.getVersion().compareTo(version) > 0) {
                    continue;
                }
                Optional<HistoryRecord> last = plan.lastRow(migration.getVersion());
                if (last.isPresent() && last.get().status() == HistoryStatus.FAILED) {
                    problems.add("Migration " + migration.getVersion() + " is FAILED. "
                            + MigrationAdvice.resetFailed(migration.getVersion()) + ", then baseline again");
                }
                else if (last.isEmpty() || last.get().status() != HistoryStatus.APPLIED) {
                    toRecord.add(migration);
                }
            }
            if (!problems.isEmpty()) {
                throw new MigrationValidationException(problems);
            }
            String by = session.appliedBy();
            Transactions.run(session.connection(), () -> {
                for (Migration migration : toRecord) {
                    session.history().insert(HistoryRecord.attempt(migration, HistoryStatus.APPLIED, Instant.now(), by,
                            0, null, null));
                }
            });
            session.recordSchema();
            List<MigrationVersion> recorded = toRecord.stream().map(Migration::getVersion).toList();
            logger.info("Baselined {} migration(s) up to {} as APPLIED without running them: {}", recorded.size(),
                    version, recorded);
            return recorded;
        });
    }

    /**
     * Accepts the current text of an applied migration whose checksum changed, after a review.
     * @return whether the version was CHANGED and now is APPLIED
     */
    public boolean acceptChange(MigrationVersion version) {
        return underLock((session) -> {
            session.history().ensureTable();
            MigrationPlan plan = session.plan(this.migrations);
            boolean changed = plan.status().find(version)
                .map((entry) -> entry.state() == MigrationState.CHANGED).orElse(false);
            if (!changed) {
                logger.info("{} is not CHANGED; nothing to accept", version);
                return false;
            }
            String checksum = plan.migration(version).flatMap(Migration::getChecksum).orElse(null);
            Transactions.run(session.connection(), () -> session.history().acceptChecksum(version, checksum));
            logger.info("Accepted the changed text of {}: its checksum is now {}", version, checksum);
            return true;
        });
    }

    /** Clears the FAILED record of a version; returns whether there was one. */
    public boolean reset(MigrationVersion version) {
        return underLock((session) -> {
            int deleted = session.history().deleteFailed(version);
            if (deleted > 0) {
                logger.info("Cleared the FAILED record of {}; the next migrate runs it again", version);
            }
            else {
                logger.info("{} has no FAILED record; nothing to reset", version);
            }
            return deleted > 0;
        });
    }

    /** Drops every object in the history table's schema, then migrates from scratch. */
    public MigrateResult fresh() {
        return this.listeners.migrate(Operation.FRESH, () -> {
            try (RunSession session = this.sessions.open()) {
                session.lock();
                String schema = session.history().table().schema();
                session.database().dropAllObjects(session.connection(), schema);
                logger.warn("Dropped every object in schema {} (db:fresh)", schema);
                return this.migrate.migrateLocked(session, MigrateOptions.defaults());
            }
        });
    }

    private <T> T underLock(LockedWork<T> work) {
        try (RunSession session = this.sessions.open()) {
            session.lock();
            return work.run(session);
        }
        catch (SQLException ex) {
            throw Listeners.databaseError("change the migration history", ex);
        }
    }

    @FunctionalInterface
    private interface LockedWork<T> {

        T run(RunSession session) throws SQLException;
    }
}
