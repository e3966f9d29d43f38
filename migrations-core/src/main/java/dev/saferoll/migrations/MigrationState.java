package dev.saferoll.migrations;

/** Where a migration stands, from joining the migrations found with the history table. */
public enum MigrationState {
    /** Found, never applied; the next migrate applies it. */
    PENDING,
    /** Applied and still in the code. */
    APPLIED,
    /**
     * Applied, but its checksum differs from the one recorded when it was applied: an applied SQL file (or a Java
     * migration that declares a checksum) was edited. Review the change, then accept it with {@code db:accept VERSION}.
     */
    CHANGED,
    /** Its last run failed; migrate refuses until {@code db:reset VERSION} clears it after a manual fix. */
    FAILED,
    /** Applied once, then rolled back; the next migrate applies it again. */
    ROLLED_BACK,
    /**
     * Applied, and newer than the newest migration this code knows: a newer release is running beside this one, or
     * this application was rolled back. Tolerated unless {@code migrations.fail-on-future=true}.
     */
    FUTURE,
    /** Applied, older than the newest migration in the code, and no longer in the code: it was deleted. */
    MISSING,
    /** Pending, but older than the newest applied migration; applied only with out-of-order allowed. */
    OUT_OF_ORDER,
    /** A non-transactional migration in progress, while the session that holds the migration lock is alive. */
    RUNNING,
    /**
     * A non-transactional migration that started and never finished: its runner died. The schema may be partially
     * changed; check it by hand, then {@code db:reset VERSION}.
     */
    INTERRUPTED;

    /** Whether a migrate run would apply a migration in this state (out-of-order ones only when allowed). */
    public boolean isPending() {
        return this == PENDING || this == ROLLED_BACK || this == OUT_OF_ORDER;
    }

    /** Whether the history says the migration is applied, in the code or not. */
    public boolean isApplied() {
        return this == APPLIED || this == CHANGED || this == FUTURE || this == MISSING;
    }

    /** Whether an operator must act: FAILED, INTERRUPTED, MISSING or CHANGED. */
    public boolean needsAttention() {
        return this == FAILED || this == INTERRUPTED || this == MISSING || this == CHANGED;
    }
}
