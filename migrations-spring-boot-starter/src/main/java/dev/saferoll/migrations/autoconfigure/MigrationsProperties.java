package dev.saferoll.migrations.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.saferoll.migrations.safety.LintMode;

/**
 * Configuration properties for Saferoll migrations.
 */
@ConfigurationProperties("migrations")
public class MigrationsProperties {

    /** Where SQL-file migrations are found unless {@code migrations.locations} says otherwise. */
    static final List<String> DEFAULT_LOCATIONS = List.of("classpath:db/migrations");

    /**
     * Whether to enable Saferoll migrations.
     */
    private boolean enabled = true;

    /**
     * Whether to apply pending migrations when the application starts.
     */
    private boolean runOnStartup = true;

    /**
     * Whether the startup run only reports what it would do, inside a transaction that is rolled back.
     */
    private boolean dryRun;

    /**
     * Where SQL-file migrations are found (classpath: or file: locations); each YYYY_MM_DD_HHMMSS_description.sql
     * below them, in any sub-folder (its domain), is a migration.
     */
    private List<String> locations = new ArrayList<>(DEFAULT_LOCATIONS);

    /**
     * Name of the history table, optionally schema-qualified.
     */
    private String table = "schema_migrations";

    /**
     * How long to wait for another instance's migration lock before failing.
     */
    private Duration lockWaitTimeout = Duration.ofMinutes(1);

    /**
     * PostgreSQL lock_timeout for each migration, so a migration waiting on a busy table gives up instead of blocking
     * traffic behind it. Unset uses the server's setting.
     */
    private @Nullable Duration lockTimeout = Duration.ofSeconds(10);

    /**
     * PostgreSQL statement_timeout for each migration. Unset uses the server's setting.
     */
    private @Nullable Duration statementTimeout;

    /**
     * Whether an applied migration that is no longer in the code fails validation.
     */
    private boolean failOnMissing = true;

    /**
     * Whether an applied migration newer than every migration in the code fails validation. Such migrations come from
     * a newer release running beside this one (a rolling update) or from an application rollback, so they are
     * tolerated by default.
     */
    private boolean failOnFuture;

    /**
     * Whether an applied migration whose checksum changed (an edited SQL file) fails validation.
     */
    private boolean failOnChanged = true;

    /**
     * Whether to apply pending migrations that are older than the newest applied one.
     */
    private boolean outOfOrder;

    /**
     * How many times to retry connecting to the database at startup before failing.
     */
    private int connectRetries = 3;

    /**
     * Wait before the first connection retry; it doubles on each retry, up to 30 seconds.
     */
    private Duration connectRetriesInterval = Duration.ofSeconds(1);

    /**
     * What the zero-downtime lint does with a migration statement that is not backward compatible: off, warn (log
     * it and apply) or fail (refuse the migration unless @SafetyAssured acknowledges the finding).
     */
    private LintMode lint = LintMode.WARN;

    private final Rollback rollback = new Rollback();

    private final Fresh fresh = new Fresh();

    private final Metrics metrics = new Metrics();

    private final Status status = new Status();

    private final Startup startup = new Startup();

    private final Datasource datasource = new Datasource();

    private final Make make = new Make();

    private final Tenants tenants = new Tenants();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isRunOnStartup() {
        return this.runOnStartup;
    }

    public void setRunOnStartup(boolean runOnStartup) {
        this.runOnStartup = runOnStartup;
    }

    public boolean isDryRun() {
        return this.dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public List<String> getLocations() {
        return this.locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getTable() {
        return this.table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Duration getLockWaitTimeout() {
        return this.lockWaitTimeout;
    }

    public void setLockWaitTimeout(Duration lockWaitTimeout) {
        this.lockWaitTimeout = lockWaitTimeout;
    }

    public @Nullable Duration getLockTimeout() {
        return this.lockTimeout;
    }

    public void setLockTimeout(@Nullable Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public @Nullable Duration getStatementTimeout() {
        return this.statementTimeout;
    }

    public void setStatementTimeout(@Nullable Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public boolean isFailOnMissing() {
        return this.failOnMissing;
    }

    public void setFailOnMissing(boolean failOnMissing) {
        this.failOnMissing = failOnMissing;
    }

    public boolean isFailOnFuture() {
        return this.failOnFuture;
    }

    public void setFailOnFuture(boolean failOnFuture) {
        this.failOnFuture = failOnFuture;
    }

    public boolean isFailOnChanged() {
        return this.failOnChanged;
    }

    public void setFailOnChanged(boolean failOnChanged) {
        this.failOnChanged = failOnChanged;
    }

    public boolean isOutOfOrder() {
        return this.outOfOrder;
    }

    public void setOutOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public int getConnectRetries() {
        return this.connectRetries;
    }

    public void setConnectRetries(int connectRetries) {
        this.connectRetries = connectRetries;
    }

    public Duration getConnectRetriesInterval() {
        return this.connectRetriesInterval;
    }

    public void setConnectRetriesInterval(Duration connectRetriesInterval) {
        this.connectRetriesInterval = connectRetriesInterval;
    }

    public LintMode getLint() {
        return this.lint;
    }

    public void setLint(LintMode lint) {
        this.lint = lint;
    }

    public Rollback getRollback() {
        return this.rollback;
    }

    public Fresh getFresh() {
        return this.fresh;
    }

    public Metrics getMetrics() {
        return this.metrics;
    }

    public Make getMake() {
        return this.make;
    }

    public Status getStatus() {
        return this.status;
    }

    public Startup getStartup() {
        return this.startup;
    }

    public Datasource getDatasource() {
        return this.datasource;
    }

    public Tenants getTenants() {
        return this.tenants;
    }

    public static class Tenants {

        /**
         * Schemas of the application's database, each a tenant with its own history table and lock; the migrations
         * then run in every one of them instead of the default schema. A MigrationTenants bean replaces this list.
         */
        private List<String> schemas = new ArrayList<>();

        /**
         * How many tenants migrate at once. Each holds up to two connections, and the fan-out stays within the
         * pool's maximum size less one connection.
         */
        private int parallelism = 4;

        /**
         * Whether a failed tenant stops the fan-out, skipping the tenants not started yet, and fails the startup.
         * Otherwise the other tenants go on and the failed ones are reported by the health indicator.
         */
        private boolean stopAtFirstFailure;

        public List<String> getSchemas() {
            return this.schemas;
        }

        public void setSchemas(List<String> schemas) {
            this.schemas = schemas;
        }

        public int getParallelism() {
            return this.parallelism;
        }

        public void setParallelism(int parallelism) {
            this.parallelism = parallelism;
        }

        public boolean isStopAtFirstFailure() {
            return this.stopAtFirstFailure;
        }

        public void setStopAtFirstFailure(boolean stopAtFirstFailure) {
            this.stopAtFirstFailure = stopAtFirstFailure;
        }
    }

    public static class Startup {

        /**
         * What the application does with migrations when it starts (with run-on-startup): migrate applies the pending
         * ones; wait applies nothing and waits until every migration this release needs is applied by another instance
         * or a migration Job.
         */
        private StartupMode mode = StartupMode.MIGRATE;

        /**
         * How long startup waits for the migrations in wait mode before it fails.
         */
        private Duration waitTimeout = Duration.ofMinutes(5);

        public StartupMode getMode() {
            return this.mode;
        }

        public void setMode(StartupMode mode) {
            this.mode = mode;
        }

        public Duration getWaitTimeout() {
            return this.waitTimeout;
        }

        public void setWaitTimeout(Duration waitTimeout) {
            this.waitTimeout = waitTimeout;
        }
    }

    /** What the application does with migrations when it starts. */
    public enum StartupMode {

        /** Apply pending migrations. */
        MIGRATE,

        /** Apply nothing; wait until every migration this release needs is applied elsewhere. */
        WAIT
    }

    public static class Datasource {

        /**
         * JDBC URL of the database to migrate, when migrations must not use the application's DataSource: a role with
         * DDL rights, or PostgreSQL reached directly rather than through a transaction-mode pooler such as PgBouncer.
         */
        private @Nullable String url;

        /**
         * Login user of the migrations DataSource; defaults to spring.datasource.username.
         */
        private @Nullable String username;

        /**
         * Login password of the migrations DataSource; defaults to spring.datasource.password.
         */
        private @Nullable String password;

        public @Nullable String getUrl() {
            return this.url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getUsername() {
            return this.username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    public static class Status {

        /**
         * How long a status read (health, metrics, endpoint) waits for the database before it answers with the last
         * snapshot, marked stale.
         */
        private Duration readTimeout = Duration.ofSeconds(3);

        public Duration getReadTimeout() {
            return this.readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }
    }

    public static class Rollback {

        /**
         * Whether rollback is allowed through the Actuator endpoint. The endpoint also needs
         * management.endpoint.migrations.access=unrestricted.
         */
        private boolean enabled;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

    }

    public static class Fresh {

        /**
         * Whether db:fresh may drop every object in the schema and migrate from scratch. For development only.
         */
        private boolean enabled;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

    }

    public static class Metrics {

        /**
         * How long a sampled database size and status snapshot are reused by the metrics before they are read again.
         */
        private Duration refreshInterval = Duration.ofSeconds(60);

        public Duration getRefreshInterval() {
            return this.refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

    }

    public static class Make {

        /**
         * Source folder that make:migration writes new migration classes into.
         */
        private String directory = "src/main/java";

        /**
         * Package of the migration classes that make:migration writes; the domain, when given, is appended in lower
         * case. Unset means the application's own package (the one of its @SpringBootApplication class) plus
         * ".migrations", which the application's component scan covers.
         */
        private @Nullable String basePackage;

        /**
         * Folder that make:migration --sql writes SQL files into, relative to the working directory; keep it where
         * migrations.locations looks (classpath:db/migrations is src/main/resources/db/migrations).
         */
        private String sqlDirectory = "src/main/resources/db/migrations";

        public String getDirectory() {
            return this.directory;
        }

        public void setDirectory(String directory) {
            this.directory = directory;
        }

        public @Nullable String getBasePackage() {
            return this.basePackage;
        }

        public void setBasePackage(@Nullable String basePackage) {
            this.basePackage = basePackage;
        }

        public String getSqlDirectory() {
            return this.sqlDirectory;
        }

        public void setSqlDirectory(String sqlDirectory) {
            this.sqlDirectory = sqlDirectory;
        }
    }

}
