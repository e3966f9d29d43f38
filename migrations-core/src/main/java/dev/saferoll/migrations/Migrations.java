package dev.saferoll.migrations;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.saferoll.migrations.internal.AdminOperations;
import dev.saferoll.migrations.internal.Listeners;
import dev.saferoll.migrations.internal.MigrateOperation;
import dev.saferoll.migrations.internal.MigrateOperation.LintPolicy;
import dev.saferoll.migrations.internal.MigrateOperation.ValidationPolicy;
import dev.saferoll.migrations.internal.RollbackOperation;
import dev.saferoll.migrations.internal.RunSessions;
import dev.saferoll.migrations.internal.SchemaRecord;
import dev.saferoll.migrations.schema.TableName;

/**
 * The entry point: migrate, roll back, inspect. Thread-safe. A migrate run reads the history first and takes the
 * migration lock only when there is something to do; rollback, baseline, reset and fresh always take it;
 * {@link #status()} and the previews only read.
 *
 * <pre>{@code
 * Migrations migrations = Migrations.builder().dataSource(dataSource).migrations(new CreateUsersTable()).build();
 * MigrateResult result = migrations.migrate(MigrateOptions.defaults());
 * }</pre>
 */
public final class Migrations {

    private final MigrationsConfiguration configuration;

    private final List<Migration> migrations;

    private final MigrateOperation migrate;

    private final RollbackOperation rollback;

    private final AdminOperations admin;

    private final ValidationPolicy validation;

    // The facade is where the configuration becomes the internal operations; nothing else reaches into internal.
    Migrations(MigrationsConfiguration configuration) {
        this.configuration = configuration;
        this.migrations = configuration.migrations()
            .stream()
            .sorted(Comparator.comparing(Migration::getVersion))
            .toList();
        RunSessions sessions = new RunSessions(configuration.dataSource(), configuration.table(),
                configuration.schema(), configuration.lockWaitTimeout(), configuration.lockTimeout(),
                configuration.statementTimeout(), configuration.connectRetries(),
                configuration.connectRetriesInterval());
        Listeners listeners = new Listeners(configuration.listeners());
        this.validation = new ValidationPolicy(configuration.failOnMissing(), configuration.failOnFuture(),
                configuration.failOnChanged(), configuration.outOfOrder());
        this.migrate = new MigrateOperation(sessions, this.migrations,
                this.validation,
                new LintPolicy(configuration.lintMode(), configuration.lockTimeout() != null), listeners);
        this.rollback = new RollbackOperation(sessions, this.migrations, listeners);
        this.admin = new AdminOperations(sessions, this.migrations, this.migrate, listeners);
    }

    public static MigrationsConfiguration.Builder builder() {
        return new MigrationsConfiguration.Builder();
    }

    public MigrationsConfiguration getConfiguration() {
        return this.configuration;
    }

    /**
     * The tables Saferoll keeps in the migrated schema beside the application's: the history table and the table
     * that records the schema for drift detection. Tools that compare schemas leave them out.
     */
    public Set<String> getSaferollTables() {
        TableName history = this.configuration.table();
        return Set.of(history.name(), SchemaRecord.tableName(history).name());
    }

    /** The migrations this instance knows, ordered by version. */
    public List<Migration> getMigrations() {
        return this.migrations;
    }

    /**
     * Validates, then applies pending migrations in version order, each in its own transaction with its history row.
     * Stops at the first failure, which is recorded as FAILED. A dry run runs every pending migration in one
     * transaction that is rolled back; a migration that would fail is reported as a FAILED outcome (nothing is
     * recorded), and a non-transactional one is only recorded, not executed.
     * @throws MigrationValidationException if validation fails (nothing is applied)
     * @throws MigrationExecutionException if a migration fails
     * @throws LockNotAcquiredException if another runner keeps the lock too long
     */
    public MigrateResult migrate(MigrateOptions options) {
        return this.migrate.migrate(options);
    }

    /** Same as {@code migrate(MigrateOptions.defaults())}. */
    public MigrateResult migrate() {
        return migrate(MigrateOptions.defaults());
    }

    /**
     * Rolls back the last {@code steps} applied migrations, newest first. All of them are checked before any runs:
     * if one is not {@link SafelyReversible}, nothing is rolled back. When every step runs in a transaction, they
     * all run in one, so a failure or a data-loss refusal at any step leaves every step applied.
     * @throws RollbackRefusedException if one of them is not SafelyReversible, or they are not the expected versions
     * @throws dev.saferoll.migrations.safety.RollbackWouldLoseDataException if a {@code down} would drop data
     * @throws MigrationException with {@link MigrationException.ErrorCode#INVALID_INPUT} if steps is below 1 or more
     * than the applied migrations
     */
    public RollbackResult rollback(int steps, RollbackOptions options) {
        return this.rollback.rollback(steps, options);
    }

    /**
     * For an instance that does not migrate itself: waits until every migration this code knows is applied (by another
     * instance or a migration Job), reading the status about once a second. Takes no lock and changes nothing.
     * @throws MigrationValidationException at once, for a problem a migrate run would refuse (FAILED, INTERRUPTED, ...)
     * @throws MigrationException with {@link MigrationException.ErrorCode#NOT_MIGRATED} when {@code timeout} runs out
     */
    public MigrationStatus awaitUpToDate(Duration timeout) {
        return this.admin.awaitUpToDate(timeout, Duration.ofSeconds(1), this.validation);
    }

    /** The current status snapshot, read on one connection attempt. Takes no lock. */
    public MigrationStatus status() {
        return this.admin.status();
    }

    /**
     * How the live schema differs from the one the last migration run recorded: tables, columns, types, defaults,
     * indexes and constraints changed by hand. Empty when no run has recorded one yet. Reads the catalog: cache it.
     */
    public Optional<SchemaDrift> drift() {
        return this.admin.drift();
    }

    /**
     * The size of the database in bytes, measured now on one connection attempt; empty where the database cannot
     * tell. Measuring can take a while on a large database: cache the answer.
     */
    public OptionalLong databaseSize() {
        return this.admin.databaseSize();
    }

    /**
     * What the pending migration {@code version} would run, recorded without running anything: its {@code up} runs
     * against a connection that executes no statement and whose queries return no rows. Empty if the version is not
     * pending. Takes no lock, changes nothing and does not validate.
     */
    public Optional<MigrationOutcome> preview(MigrationVersion version) {
        return this.migrate.preview(version);
    }

    /** The previews of every pending migration, in the order a migrate run would apply them. */
    public List<MigrationOutcome> preview() {
        return this.migrate.preview(MigrationTarget.latest());
    }

    /**
     * Drops every table, view, sequence, type and function in the history table's schema, then migrates from
     * scratch. Destroys all data: for development and tests only.
     */
    public MigrateResult fresh() {
        return this.admin.fresh();
    }

    /**
     * Clears the FAILED record of {@code version} after a manual fix, so the next migrate runs it again.
     * @return whether a FAILED record was cleared
     */
    public boolean reset(MigrationVersion version) {
        return this.admin.reset(version);
    }

    /**
     * Accepts, after a review, the current text of an applied migration whose checksum changed: its history row gets
     * the new checksum, so it is APPLIED again. Nothing of the migration runs.
     * @return whether the version was CHANGED
     */
    public boolean acceptChange(MigrationVersion version) {
        return this.admin.acceptChange(version);
    }

    /**
     * Records every migration up to and including {@code version} as APPLIED without running it, for an existing
     * database that already has their schema.
     * @return the versions recorded
     */
    public List<MigrationVersion> baseline(MigrationVersion version) {
        return this.admin.baseline(version);
    }
}
