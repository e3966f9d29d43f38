package dev.saferoll.migrations;

import java.util.List;
import java.util.Optional;

import dev.saferoll.migrations.internal.MigrationRunner;

/**
 * The entry point: migrate, roll back, inspect. Thread-safe; every call takes the migration lock (except
 * {@link #status()}, which only reads) and reads the history once.
 *
 * <pre>{@code
 * Migrations migrations = Migrations.builder().dataSource(dataSource).migrations(new CreateUsersTable()).build();
 * MigrateResult result = migrations.migrate(MigrateOptions.defaults());
 * }</pre>
 */
public final class Migrations {

    private final MigrationsConfiguration configuration;

    private final MigrationRunner runner;

    Migrations(MigrationsConfiguration configuration) {
        this.configuration = configuration;
        this.runner = new MigrationRunner(configuration);
    }

    public static MigrationsConfiguration.Builder builder() {
        return new MigrationsConfiguration.Builder();
    }

    public MigrationsConfiguration getConfiguration() {
        return this.configuration;
    }

    /** The migrations this instance knows, ordered by version. */
    public List<Migration> getMigrations() {
        return this.runner.migrations();
    }

    /**
     * Validates, then applies pending migrations in version order, each in its own transaction with its history row.
     * Stops at the first failure, which is recorded as FAILED. A dry run runs every pending migration in one
     * transaction that is rolled back; a migration that would fail is reported as a FAILED outcome (nothing is
     * recorded), and a non-transactional one is not executed but noted.
     * @throws MigrationValidationException if validation fails (nothing is applied)
     * @throws MigrationExecutionException if a migration fails
     * @throws dev.saferoll.migrations.lock.LockNotAcquiredException if another runner keeps the lock too long
     */
    public MigrateResult migrate(MigrateOptions options) {
        return this.runner.migrate(options);
    }

    /** Same as {@code migrate(MigrateOptions.defaults())}. */
    public MigrateResult migrate() {
        return migrate(MigrateOptions.defaults());
    }

    /**
     * Rolls back the last {@code steps} applied migrations, newest first. All of them are checked before any runs:
     * if one is not {@link SafelyReversible}, nothing is rolled back.
     * @throws RollbackRefusedException if one of them is not SafelyReversible
     * @throws dev.saferoll.migrations.safety.RollbackWouldLoseDataException if a {@code down} would drop data
     * @throws MigrationException with {@link MigrationException.ErrorCode#INVALID_INPUT} if steps is below 1 or more
     * than the applied migrations
     */
    public RollbackResult rollback(int steps, RollbackOptions options) {
        return this.runner.rollback(steps, options);
    }

    /** The current status snapshot. Takes no lock. */
    public MigrationStatus status() {
        return this.runner.status();
    }

    /**
     * The statements a dry run of pending migrations up to {@code version} would execute, for that version only.
     * Empty if the version is unknown or not pending. Changes nothing and does not validate, so it also works while
     * another migration is FAILED or out of order.
     */
    public Optional<MigrationOutcome> preview(MigrationVersion version) {
        return this.runner.preview(version);
    }

    /**
     * Drops every table, view and sequence in the history table's schema, then migrates from scratch. Destroys all
     * data: for development and tests only.
     */
    public MigrateResult fresh() {
        return this.runner.fresh();
    }

    /**
     * Clears the FAILED record of {@code version} after a manual fix, so the next migrate runs it again.
     * @return whether a FAILED record was cleared
     */
    public boolean reset(MigrationVersion version) {
        return this.runner.reset(version);
    }

    /**
     * Records every migration up to and including {@code version} as APPLIED without running it, for an existing
     * database that already has their schema.
     * @return the versions recorded
     */
    public List<MigrationVersion> baseline(MigrationVersion version) {
        return this.runner.baseline(version);
    }
}
