package dev.saferoll.migrations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.safety.LintMode;
import dev.saferoll.migrations.schema.TableName;

/**
 * Everything a {@link Migrations} instance needs. Build one with {@link Migrations#builder()}.
 * @param dataSource where to migrate
 * @param migrations the migrations found
 * @param table the history table
 * @param schema the schema to migrate, such as a tenant's: unqualified names in migrations and the history table
 * resolve to it alone, and it is created when missing; {@code null} keeps the connection's own search path
 * @param lockWaitTimeout how long to wait for another runner's lock before failing
 * @param lockTimeout PostgreSQL {@code lock_timeout} for each migration, or {@code null} for the server's
 * @param statementTimeout PostgreSQL {@code statement_timeout} for each migration, or {@code null} for the server's
 * @param outOfOrder whether to apply pending migrations older than the newest applied one
 * @param failOnMissing whether an applied migration missing from the code fails validation
 * @param failOnFuture whether an applied migration newer than every migration in the code fails validation
 * @param failOnChanged whether an applied migration whose checksum changed fails validation
 * @param connectRetries how many times to retry getting a first connection
 * @param connectRetriesInterval the first wait between connection attempts; doubles each time, at most 30 s
 * @param listeners who hears what the runner does
 * @param lintMode what the zero-downtime lint does with findings
 */
public record MigrationsConfiguration(DataSource dataSource, List<Migration> migrations, TableName table,
        @Nullable String schema, Duration lockWaitTimeout, @Nullable Duration lockTimeout,
        @Nullable Duration statementTimeout, boolean outOfOrder, boolean failOnMissing, boolean failOnFuture,
        boolean failOnChanged, int connectRetries, Duration connectRetriesInterval, List<MigrationListener> listeners,
        LintMode lintMode) {

    /** How often a run retries its first connection unless told otherwise. */
    public static final int DEFAULT_CONNECT_RETRIES = 3;

    public MigrationsConfiguration {
        Objects.requireNonNull(dataSource, "dataSource");
        migrations = List.copyOf(migrations);
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(table, "table");
        if (schema != null) {
            if (table.schema() != null) {
                throw new MigrationException(MigrationException.ErrorCode.INVALID_INPUT, "The history table '" + table
                        + "' names a schema, but the migrations run in schema '" + schema
                        + "': give the table without a schema, and it is kept in '" + schema + "'");
            }
            new TableName(schema, table.name()); // validates the schema name
        }
        requireNotNegative("lockWaitTimeout", lockWaitTimeout);
        if (lockTimeout != null) {
            requireNotNegative("lockTimeout", lockTimeout);
        }
        if (statementTimeout != null) {
            requireNotNegative("statementTimeout", statementTimeout);
        }
        if (connectRetries < 0) {
            throw new MigrationException(MigrationException.ErrorCode.INVALID_INPUT,
                    "connectRetries must be 0 or more but was " + connectRetries);
        }
        requireNotNegative("connectRetriesInterval", connectRetriesInterval);
        Objects.requireNonNull(lintMode, "lintMode");
    }

    private static void requireNotNegative(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new MigrationException(MigrationException.ErrorCode.INVALID_INPUT,
                    name + " must not be negative but was " + duration);
        }
    }

    /** This configuration with {@code listeners} in place of its own. */
    public MigrationsConfiguration withListeners(List<? extends MigrationListener> listeners) {
        return new MigrationsConfiguration(this.dataSource, this.migrations, this.table, this.schema,
                this.lockWaitTimeout, this.lockTimeout, this.statementTimeout, this.outOfOrder, this.failOnMissing,
                this.failOnFuture, this.failOnChanged, this.connectRetries, this.connectRetriesInterval,
                List.copyOf(listeners), this.lintMode);
    }

    /**
     * A builder holding every setting of this configuration, to derive another one from it, such as a tenant's:
     * {@code configuration.toBuilder().schema("acme").build()}.
     */
    public Builder toBuilder() {
        return new Builder().dataSource(this.dataSource)
            .migrations(this.migrations)
            .table(this.table)
            .schema(this.schema)
            .lockWaitTimeout(this.lockWaitTimeout)
            .lockTimeout(this.lockTimeout)
            .statementTimeout(this.statementTimeout)
            .outOfOrder(this.outOfOrder)
            .failOnMissing(this.failOnMissing)
            .failOnFuture(this.failOnFuture)
            .failOnChanged(this.failOnChanged)
            .connectRetries(this.connectRetries)
            .connectRetriesInterval(this.connectRetriesInterval)
            .listeners(this.listeners)
            .lintMode(this.lintMode);
    }

    /** Builds a {@link MigrationsConfiguration}; every setting but the data source has a default. */
    public static final class Builder {

        private @Nullable DataSource dataSource;

        private final List<Migration> migrations = new ArrayList<>();

        private TableName table = TableName.fromString("schema_migrations");

        private @Nullable String schema;

        private Duration lockWaitTimeout = Duration.ofMinutes(1);

        private @Nullable Duration lockTimeout = Duration.ofSeconds(10);

        private @Nullable Duration statementTimeout;

        private boolean outOfOrder;

        private boolean failOnMissing = true;

        private boolean failOnFuture;

        private boolean failOnChanged = true;

        private int connectRetries = DEFAULT_CONNECT_RETRIES;

        private Duration connectRetriesInterval = Duration.ofSeconds(1);

        private final List<MigrationListener> listeners = new ArrayList<>();

        private LintMode lintMode = LintMode.WARN;

        Builder() {
        }

        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        public Builder migrations(Migration... migrations) {
            return migrations(List.of(migrations));
        }

        public Builder migrations(List<? extends Migration> migrations) {
            this.migrations.addAll(migrations);
            return this;
        }

        public Builder table(String table) {
            return table(TableName.fromString(table));
        }

        public Builder table(TableName table) {
            this.table = table;
            return this;
        }

        /**
         * The schema to migrate, such as a tenant's; {@code null}, the default, keeps the connection's search path.
         * Unqualified names in the migrations and the history table resolve to this schema alone.
         */
        public Builder schema(@Nullable String schema) {
            this.schema = schema;
            return this;
        }

        public Builder lockWaitTimeout(Duration lockWaitTimeout) {
            this.lockWaitTimeout = lockWaitTimeout;
            return this;
        }

        public Builder lockTimeout(@Nullable Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        public Builder statementTimeout(@Nullable Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        public Builder outOfOrder(boolean outOfOrder) {
            this.outOfOrder = outOfOrder;
            return this;
        }

        public Builder failOnMissing(boolean failOnMissing) {
            this.failOnMissing = failOnMissing;
            return this;
        }

        /** Whether an applied migration whose checksum changed fails validation; true unless set. */
        public Builder failOnChanged(boolean failOnChanged) {
            this.failOnChanged = failOnChanged;
            return this;
        }

        /** Whether an applied migration newer than every migration in the code fails validation; false unless set. */
        public Builder failOnFuture(boolean failOnFuture) {
            this.failOnFuture = failOnFuture;
            return this;
        }

        public Builder connectRetries(int connectRetries) {
            this.connectRetries = connectRetries;
            return this;
        }

        public Builder connectRetriesInterval(Duration connectRetriesInterval) {
            this.connectRetriesInterval = connectRetriesInterval;
            return this;
        }

        public Builder listener(MigrationListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /** Adds listeners, in order; with the starter, pass every {@code MigrationListener} bean here. */
        public Builder listeners(List<? extends MigrationListener> listeners) {
            this.listeners.addAll(listeners);
            return this;
        }

        public Builder lintMode(LintMode lintMode) {
            this.lintMode = lintMode;
            return this;
        }

        public MigrationsConfiguration toConfiguration() {
            if (this.dataSource == null) {
                throw new MigrationException(MigrationException.ErrorCode.INVALID_INPUT,
                        "A DataSource is required: call dataSource(...)");
            }
            return new MigrationsConfiguration(this.dataSource, this.migrations, this.table, this.schema,
                    this.lockWaitTimeout, this.lockTimeout, this.statementTimeout, this.outOfOrder, this.failOnMissing,
                    this.failOnFuture, this.failOnChanged, this.connectRetries, this.connectRetriesInterval,
                    this.listeners, this.lintMode);
        }

        /** Builds the facade. Nothing touches the database until a method is called on it. */
        public Migrations build() {
            return new Migrations(toConfiguration());
        }
    }
}
