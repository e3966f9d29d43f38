package dev.saferoll.migrations.database;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The strongest lock a session holds on one table.
 * @param relation the table's identifier in the catalog (an OID in PostgreSQL)
 * @param schema the table's schema, or {@code null} where the dialect has none
 * @param table the table's name
 * @param mode the lock mode as the database documents it, for example {@code ACCESS EXCLUSIVE}
 * @param strength how strong the mode is: a higher number conflicts with more; comparable only within a dialect
 * @param fileNode the table's storage identifier now (a relfilenode in PostgreSQL): it changes when the table is
 * rewritten
 */
public record HeldLock(long relation, @Nullable String schema, String table, String mode, int strength,
        long fileNode) {

    public HeldLock {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
    }
}
