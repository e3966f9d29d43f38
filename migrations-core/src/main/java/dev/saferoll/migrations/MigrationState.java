package dev.saferoll.migrations;

/** Where a migration stands, from joining the migrations found with the history table. */
public enum MigrationState {
    /** Found, never applied; the next migrate applies it. */
    PENDING,
    /** Applied and still in the code. */
    APPLIED,
    /** Its last run failed; migrate refuses until {@code db:reset VERSION} clears it after a manual fix. */
    FAILED,
    /** Applied once, then rolled back; the next migrate applies it again. */
    ROLLED_BACK,
    /** Applied, but no longer in the code. */
    MISSING,
    /** Pending, but older than the newest applied migration; applied only with out-of-order allowed. */
    OUT_OF_ORDER;

    /** Whether a migrate run would apply a migration in this state (out-of-order ones only when allowed). */
    public boolean isPending() {
        return this == PENDING || this == ROLLED_BACK || this == OUT_OF_ORDER;
    }
}
