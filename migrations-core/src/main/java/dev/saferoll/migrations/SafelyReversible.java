package dev.saferoll.migrations;

/**
 * Opt-in for migrations whose {@code down} loses no data, such as creating a table, adding a nullable column or an
 * index. Document in the class why the rollback is safe. Saferoll verifies the claim at run time: a {@code down} that
 * would drop a table or column still holding data is refused unless forced.
 */
public interface SafelyReversible {

    /** Reverts {@link Migration#up}. Runs in a transaction that also records the rollback in the history. */
    void down(MigrationConnection connection) throws Exception;
}
