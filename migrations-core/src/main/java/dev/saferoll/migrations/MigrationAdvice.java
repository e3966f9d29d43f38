package dev.saferoll.migrations;

/**
 * The one place that says what to do about a problem. Exceptions, validation problems, the health indicator, the
 * commands and the endpoint all take their next steps from here, so each piece of advice reads the same everywhere.
 * Commands are named as arguments to the application ({@code db:reset VERSION}).
 */
public final class MigrationAdvice {

    private MigrationAdvice() {
    }

    /** Instead of a refused rollback, in the seed's words. */
    public static String fixForward() {
        return "Create a new forward migration to undo the changes instead: make:migration FixYourChanges";
    }

    /** After the data-loss guard refused a rollback. */
    public static String dataLoss() {
        return "Create a fix-forward migration instead (make:migration FixYourChanges); only if losing that data is "
                + "intended, roll back again with --allow-data-loss (endpoint: \"allowDataLoss\": true)";
    }

    /** A migration that failed inside its transaction, so nothing of it was applied. */
    public static String resetFailed(MigrationVersion version) {
        return "Fix the migration, clear its FAILED record with db:reset " + version + ", then migrate again";
    }

    /** A non-transactional migration that failed or was interrupted, so its changes may be partial. */
    public static String resetPartial(MigrationVersion version) {
        return "Check the database by hand and undo or finish what " + version + " changed (for example drop an "
                + "INVALID index), clear its record with db:reset " + version + ", then migrate again";
    }

    /** An applied migration whose code was deleted. */
    public static String missing() {
        return "Restore the migration's class or file, or set migrations.fail-on-missing=false to accept that it is "
                + "gone";
    }

    /** An applied migration whose text was edited afterwards. */
    public static String changed(MigrationVersion version, String source) {
        return "Restore " + source + " as it was applied and make the change in a new migration; or, if the edit "
                + "changes nothing in the database (a comment, say), review it and accept it with db:accept " + version
                + ", or set migrations.fail-on-changed=false";
    }

    /** An applied migration newer than every migration in the code. */
    public static String future() {
        return "A newer release applied it: run that release, or set migrations.fail-on-future=false (the default) to "
                + "tolerate it while releases overlap";
    }

    /** An instance that does not migrate found migrations its release needs still unapplied. */
    public static String notMigrated() {
        return "Run the migrations first (for example the Kubernetes Job: java -jar app.jar db:migrate), or raise "
                + "migrations.startup.wait-timeout, or let this instance migrate with migrations.startup.mode=migrate";
    }

    /** A pending migration older than the current version. */
    public static String outOfOrder() {
        return "Give it a newer version, or set migrations.out-of-order=true to apply it anyway";
    }

    /** Two migrations with one version. */
    public static String duplicateVersion() {
        return "Give one of them a new version (make:migration creates one)";
    }

    /** Another runner holds the migration lock. */
    public static String lockHeld() {
        return "Wait for that run to finish, or raise migrations.lock-wait-timeout; the lock is freed automatically "
                + "when its holder's connection ends, so nothing needs releasing by hand";
    }

    /** The lock's connection goes through a transaction-mode pooler. */
    public static String sessionStableConnection() {
        return "Point migrations at PostgreSQL directly with migrations.datasource.url (or a @MigrationsDataSource "
                + "bean), or use a pooler in session mode for them; the application itself may keep the pooler";
    }

    /** The database cannot be reached. */
    public static String connection() {
        return "Check that the database is up and that spring.datasource.url (or migrations.datasource.url), "
                + "username and password are right; to wait longer for a database that starts slowly, raise "
                + "migrations.connect-retries";
    }

    /** A database Saferoll has no dialect for. */
    public static String unsupportedDatabase() {
        return "Saferoll supports " + supportedDialects() + "; point the data source at one of them, or set "
                + "migrations.enabled=false for this profile";
    }

    /**
     * A first run that failed because the database already has the tables of its migrations: it was set up without
     * Saferoll (by hand, another tool or Hibernate), so its history is empty.
     * @param failed the migration that failed
     * @param baseline the newest migration whose tables all exist already
     */
    public static String adoptExisting(MigrationVersion failed, MigrationVersion baseline) {
        return "Adopt the existing schema instead of creating it: check that it has what the migrations up to "
                + baseline + " do, clear this attempt with db:reset " + failed + ", record those migrations as "
                + "applied without running them with db:baseline " + baseline + ", then migrate again";
    }

    /** A rollback step that failed for another reason than the data-loss guard. */
    public static String rollbackFailed() {
        return "Fix the migration's down(), then roll back again; the migration stays APPLIED";
    }

    private static String supportedDialects() {
        StringBuilder names = new StringBuilder();
        Dialect[] dialects = Dialect.values();
        for (int i = 0; i < dialects.length; i++) {
            if (i > 0) {
                names.append((i == dialects.length - 1) ? " and " : ", ");
            }
            names.append(dialects[i].displayName());
        }
        return names.toString();
    }
}
