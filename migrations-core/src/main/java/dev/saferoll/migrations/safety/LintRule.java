package dev.saferoll.migrations.safety;

/**
 * The zero-downtime checks, after strong_migrations and squawk. Each says why the change is risky while old code
 * still runs against the database, and the safe recipe.
 */
public enum LintRule {

    ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT("adding a NOT NULL column without a default fails on a non-empty table and "
            + "breaks old code that inserts rows without it",
            "add the column nullable (or with a default), backfill it, then make it NOT NULL in a later migration"),

    NON_CONCURRENT_INDEX("creating an index without CONCURRENTLY blocks every write to the table until it is built",
            "use .concurrently() (CREATE INDEX CONCURRENTLY) in a migration whose isTransactional() returns false"),

    RENAME_COLUMN("renaming a column in one step breaks running code that still uses the old name",
            "add the new column, copy the data, deploy code that uses it, then drop the old column (two-step rename)"),

    RENAME_TABLE("renaming a table in one step breaks running code that still uses the old name",
            "create the new table, copy the data, deploy code that uses it, then drop the old table"),

    CHANGE_COLUMN_TYPE("changing a column's type or nullability rewrites or scans the table under an exclusive lock "
            + "and may break old code",
            "add a new column of the new type, backfill it in batches, switch the code, then drop the old column"),

    DROP_COLUMN("dropping a column breaks old code that still reads or maps it (JPA entities included)",
            "remove every use of the column from the code and deploy that first; drop the column in a later release"),

    FOREIGN_KEY_WITHOUT_NOT_VALID("adding a foreign key validates every row while blocking writes to both tables",
            "add it with .notValid() (NOT VALID), then validateConstraint(...) in a separate migration"),

    CHECK_WITHOUT_NOT_VALID("adding a CHECK constraint validates every row while blocking writes to the table",
            "add it with .notValid() (NOT VALID), then validateConstraint(...) in a separate migration"),

    SET_NOT_NULL("SET NOT NULL scans the whole table while holding an exclusive lock",
            "add CHECK (column IS NOT NULL) NOT VALID, validate it in a separate migration, then SET NOT NULL"),

    MISSING_LOCK_TIMEOUT("without a lock_timeout, a migration waiting for a busy table queues every query behind it",
            "set migrations.lock-timeout (for example 10s)");

    private final String reason;

    private final String recipe;

    LintRule(String reason, String recipe) {
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
}
