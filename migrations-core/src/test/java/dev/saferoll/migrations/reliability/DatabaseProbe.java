package dev.saferoll.migrations.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.testing.TestDatabase;

/** Reads lock and session state of a test database from the catalog. */
final class DatabaseProbe {

    private final TestDatabase database;

    DatabaseProbe(TestDatabase database) {
        this.database = database;
    }

    /** Whether a session holds the migration lock of {@code public.schema_migrations}. */
    boolean migrationLockHeld() {
        return Database.of(Dialect.POSTGRESQL)
            .lock(this.database.dataSource(), "public", "schema_migrations")
            .holder()
            .isPresent();
    }

    long advisoryLocks() {
        return this.database.queryForLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    /** Whether a session of this database is running a statement that contains {@code text}. */
    boolean running(String text) {
        return this.database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%" + text.replace("'", "''")
                + "%'") > 0;
    }

    /** Sessions connected to this database, not counting the one asking. */
    long sessions() {
        return this.database.queryForLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid()");
    }

    long historyRows(String where) {
        if (!this.database.tableExists("schema_migrations")) {
            return 0;
        }
        return this.database.queryForLong("SELECT count(*) FROM schema_migrations WHERE " + where);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting until " + what + " after " + timeout);
            }
            Launched.sleep(Duration.ofMillis(50));
        }
    }
}
