package dev.saferoll.migrations;

import java.util.List;
import java.util.Optional;

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

    Migrations(MigrationsConfiguration configuration) {
        this.configuration = configuration;
        // IMPLEMENTATION PENDING (runner helper)
    }

    public static MigrationsConfiguration.Builder builder() {
        return new MigrationsConfiguration.Builder();
    }

    public MigrationsConfiguration getConfiguration() {
        return this.configuration;
    }

    /** The migrations this instance knows, ordered by version. */
    public List<Migration> getMigrations() {
        throw new UnsupportedOperationException("pending");
    }

    /**
     * Validates, then applies pending migrations in version order, each in its own transaction with its history row.
     * Stops at the first failure, which is recorded as FAILED.
     * @throws MigrationValidationException if validation fails (nothing is applied)
     * @throws MigrationExecutionException if a migration fails
     * @throws dev.saferoll.migrations.lock.LockNotAcquiredException if another runner keeps the lock too long
     */
    public MigrateResult migrate(MigrateOptions options) {
        throw new UnsupportedOperationException("pending");
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
        throw new UnsupportedOperationException("pending");
    }

    /** The current status snapshot. Takes no lock. */
    public MigrationStatus status() {
        throw new UnsupportedOperationException("pending");
    }

    /**
     * The statements a dry run of pending migrations up to {@code version} would execute, for that version only.
     * Empty if the version is unknown or not pending.
     */
    public Optional<MigrationOutcome> preview(MigrationVersion version) {
        throw new UnsupportedOperationException("pending");
    }

    /**
     * Drops every table, view and sequence in the history table's schema, then migrates from scratch. Destroys all
     * data: for development and tests only.
     */
    public MigrateResult fresh() {
        throw new UnsupportedOperationException("pending");
    }

    /**
     * Clears the FAILED record of {@code version} after a manual fix, so the next migrate runs it again.
     * @return whether a FAILED record was cleared
     */
    public boolean reset(MigrationVersion version) {
        throw new UnsupportedOperationException("pending");
    }

    /**
     * Records every migration up to and including {@code version} as APPLIED without running it, for an existing
     * database that already has their schema.
     * @return the versions recorded
     */
    public List<MigrationVersion> baseline(MigrationVersion version) {
        throw new UnsupportedOperationException("pending");
    }
}
