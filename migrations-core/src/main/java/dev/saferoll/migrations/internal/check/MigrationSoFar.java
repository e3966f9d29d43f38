package dev.saferoll.migrations.internal.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.saferoll.migrations.sql.SqlName;

/**
 * What the lint remembers of the statements a migration ran before the current one: the tables and indexes it created
 * (new, so locking them blocks nobody) and the columns that a validated {@code CHECK (col IS NOT NULL)} now proves, so
 * that a later {@code SET NOT NULL} needs no scan. Names are compared without their schema.
 */
final class MigrationSoFar {

    private final boolean transactional;

    private final Set<String> createdTables = new HashSet<>();

    private final Set<String> createdIndexes = new HashSet<>();

    private final Set<String> provenNotNull = new HashSet<>();

    // NOT VALID checks of the form (col IS NOT NULL), by constraint name, until they are validated.
    private final Map<String, String> pendingNotNullChecks = new HashMap<>();

    MigrationSoFar(boolean transactional) {
        this.transactional = transactional;
    }

    /** Whether the migration runs in a transaction, where PostgreSQL refuses {@code CONCURRENTLY}. */
    boolean transactional() {
        return this.transactional;
    }

    void createdTable(SqlName table) {
        this.createdTables.add(key(table.name()));
    }

    /** Whether the table existed before this migration; a table it created is new, and nobody else uses it yet. */
    boolean existing(SqlName table) {
        return !this.createdTables.contains(key(table.name()));
    }

    void createdIndex(SqlName index) {
        this.createdIndexes.add(key(index.name()));
    }

    boolean createdHere(SqlName index) {
        return this.createdIndexes.contains(key(index.name()));
    }

    /** A CHECK (column IS NOT NULL) was added; when {@code validated}, it proves the column now. */
    void notNullCheck(SqlName table, String column, String constraint, boolean validated) {
        if (validated) {
            this.provenNotNull.add(column(table, column));
        }
        else {
            this.pendingNotNullChecks.put(key(constraint), column(table, column));
        }
    }

    void validated(String constraint) {
        String column = this.pendingNotNullChecks.remove(key(constraint));
        if (column != null) {
            this.provenNotNull.add(column);
        }
    }

    boolean provenNotNull(SqlName table, String column) {
        return this.provenNotNull.contains(column(table, column));
    }

    private static String column(SqlName table, String column) {
        return key(table.name()) + "." + key(column);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
