package dev.saferoll.migrations.safety;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import dev.saferoll.migrations.Dialect;

/**
 * The zero-downtime checks, after strong_migrations and squawk. Each says why the change is risky while old code
 * still runs against the database, the safe recipe, and the dialects it covers. docs/lint-rules.md compares them rule
 * by rule with squawk's and strong_migrations' checks.
 * <p>
 * A rule names its dialects by their {@link Dialect} constant names, so a rule can already cover a dialect that this
 * build does not have (MySQL and MariaDB rules are read with the MySQL syntax); {@link #dialects()} gives those this
 * build knows.
 */
public enum LintRule {

    ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT(On.POSTGRES_AND_MYSQL, "adding a NOT NULL column without a default fails on a "
            + "non-empty table and breaks old code that inserts rows without it",
            "add the column nullable (or with a default), backfill it, then make it NOT NULL in a later migration"),

    NON_CONCURRENT_INDEX(On.POSTGRES, "creating an index without CONCURRENTLY blocks every write to the table until it "
            + "is built", "use .concurrently() (CREATE INDEX CONCURRENTLY) in a migration whose isTransactional() "
                    + "returns false"),

    NON_CONCURRENT_DROP_INDEX(On.POSTGRES, "dropping an index without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on "
            + "its table, which waits for every running query and blocks all that come after",
            "use .concurrently() (DROP INDEX CONCURRENTLY) in a migration whose isTransactional() returns false"),

    NON_CONCURRENT_REINDEX(On.POSTGRES, "REINDEX without CONCURRENTLY blocks writes to the table and reads that use "
            + "the index until it is rebuilt", "use REINDEX ... CONCURRENTLY (PostgreSQL 12+) in a migration whose "
                    + "isTransactional() returns false"),

    CONCURRENTLY_IN_TRANSACTION(On.POSTGRES, "PostgreSQL refuses CONCURRENTLY inside a transaction block, so this "
            + "migration fails as written", "return false from isTransactional() for this migration, and keep the "
                    + "concurrent statement alone in it"),

    RENAME_COLUMN(On.ALL, "renaming a column in one step breaks running code that still uses the old name",
            "add the new column, copy the data, deploy code that uses it, then drop the old column (two-step rename)"),

    RENAME_TABLE(On.ALL, "renaming a table in one step breaks running code that still uses the old name",
            "create the new table, copy the data, deploy code that uses it, then drop the old table"),

    CHANGE_COLUMN_TYPE(On.ALL, "changing a column's type rewrites the table under an exclusive lock (PostgreSQL) or "
            + "copies it while writes wait (MySQL), and may break old code",
            "add a new column of the new type, backfill it in batches, switch the code, then drop the old column"),

    DROP_COLUMN(On.ALL, "dropping a column breaks old code that still reads or maps it (JPA entities included)",
            "remove every use of the column from the code and deploy that first; drop the column in a later release"),

    DROP_TABLE(On.ALL, "dropping a table breaks old code that still reads it, and its rows are gone for good",
            "remove every use of the table from the code and deploy that first; drop it in a later release, after "
                    + "a backup"),

    FOREIGN_KEY_WITHOUT_NOT_VALID(On.POSTGRES, "adding a foreign key validates every row while blocking writes to "
            + "both tables",
            "add it with .notValid() (NOT VALID), then validateConstraint(...) in a separate migration"),

    CHECK_WITHOUT_NOT_VALID(On.POSTGRES, "adding a CHECK constraint validates every row while blocking reads and "
            + "writes to the table",
            "add it with .notValid() (NOT VALID), then validateConstraint(...) in a separate migration"),

    SET_NOT_NULL(On.POSTGRES, "SET NOT NULL scans the whole table while holding an ACCESS EXCLUSIVE lock",
            "add CHECK (column IS NOT NULL) NOT VALID, validate it in a separate migration, then SET NOT NULL "
                    + "(PostgreSQL 12+ then skips the scan)"),

    VOLATILE_DEFAULT(On.POSTGRES, "adding a column with a volatile default (random(), gen_random_uuid(), "
            + "clock_timestamp(), or any default before PostgreSQL 11) rewrites the table under an ACCESS EXCLUSIVE "
            + "lock", "add the column without a default, set the default in a second statement, then backfill the "
                    + "existing rows in batches (Backfill)"),

    ADD_AUTO_INCREMENT_COLUMN(On.ALL, "adding a serial, identity or AUTO_INCREMENT column to an existing table fills "
            + "every row, rewriting the table while reads and writes wait",
            "create a new table with the column and copy the rows over in batches, or add a plain column, attach "
                    + "a sequence as its default and backfill the rows in batches"),

    ADD_STORED_GENERATED_COLUMN(On.ALL, "adding a stored generated column computes it for every row, rewriting the "
            + "table while writes wait", "add a plain column filled by the application or a trigger and backfill it "
                    + "in batches (or, in MySQL, a VIRTUAL generated column)"),

    KEY_WITHOUT_USING_INDEX(On.POSTGRES, "adding a PRIMARY KEY or UNIQUE constraint builds its index while holding an "
            + "ACCESS EXCLUSIVE lock that blocks reads and writes",
            "CREATE UNIQUE INDEX CONCURRENTLY first (in a non-transactional migration), then ADD CONSTRAINT ... "
                    + "PRIMARY KEY USING INDEX (or UNIQUE USING INDEX)"),

    EXCLUSION_CONSTRAINT(On.POSTGRES, "adding an exclusion constraint checks every row while blocking reads and "
            + "writes, and it cannot be added NOT VALID", "add it while the table is small, or create a new table "
                    + "with the constraint and copy the rows over"),

    FOREIGN_KEY_TYPE_MISMATCH(On.ALL, "a foreign key column of another type than the key it references (integer "
            + "referencing bigint) overflows or fails once the key outgrows it, and each join casts",
            "give the foreign key column exactly the type of the referenced column"),

    WHOLE_TABLE_UPDATE(On.ALL, "an UPDATE or DELETE of every row of an existing table holds row locks on all of them "
            + "until the migration commits and can run for minutes",
            "run it in batches outside the migration's transaction: Backfill.of(...) in a migration whose "
                    + "isTransactional() returns false"),

    MYSQL_COPY_ALGORITHM(On.MYSQL, "ALGORITHM=COPY copies the whole table while writes to it are blocked",
            "leave the algorithm to the server (INPLACE or INSTANT where possible)"),

    MYSQL_LOCKING(On.MYSQL, "LOCK=SHARED blocks writes and LOCK=EXCLUSIVE blocks reads and writes while the table is "
            + "altered", "leave LOCK out or use LOCK=NONE"),

    MYSQL_EXPRESSION_DEFAULT(On.MYSQL, "adding a column with an expression default (DEFAULT (...)) to an existing "
            + "table rebuilds it while writes wait", "add the column without a default, then set the default in a "
                    + "second statement and backfill the rows in batches"),

    MYSQL_VALIDATING_CONSTRAINT(On.MYSQL, "adding a foreign key or CHECK constraint to an existing table checks every "
            + "row while writes to it are blocked", "add it while the table is small; for a foreign key whose rows "
                    + "are known to be valid, add it with foreign_key_checks = 0 on a direct connection"),

    MISSING_LOCK_TIMEOUT(On.ALL, "without a lock_timeout, a migration waiting for a busy table queues every query "
            + "behind it", "set migrations.lock-timeout (for example 10s)");

    private final Set<String> dialectNames;

    private final String reason;

    private final String recipe;

    LintRule(Set<String> dialectNames, String reason, String recipe) {
        this.dialectNames = dialectNames;
        this.reason = reason;
        this.recipe = recipe;
    }

    /** Why the change is risky. */
    public String reason() {
        return this.reason;
    }

    /** The safe way to make it. */
    public String recipe() {
        return this.recipe;
    }

    /** The {@link Dialect} constant names of the databases this rule checks, including ones this build lacks. */
    public Set<String> dialectNames() {
        return this.dialectNames;
    }

    /** The dialects of this build that this rule checks. */
    public Set<Dialect> dialects() {
        return Arrays.stream(Dialect.values()).filter(this::covers).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether this rule checks migrations on the dialect. */
    public boolean covers(Dialect dialect) {
        return this.dialectNames.contains(dialect.name());
    }

    /** The dialect sets the rules name; adding a dialect to a family is one line here. */
    private static final class On {

        static final Set<String> POSTGRES = Set.of("POSTGRESQL");

        static final Set<String> MYSQL = Set.of("MYSQL", "MARIADB");

        static final Set<String> POSTGRES_AND_MYSQL = Set.of("POSTGRESQL", "MYSQL", "MARIADB");

        static final Set<String> ALL = POSTGRES_AND_MYSQL;
    }
}
