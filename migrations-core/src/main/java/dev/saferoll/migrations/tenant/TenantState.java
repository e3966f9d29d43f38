package dev.saferoll.migrations.tenant;

/** Where one tenant stands. */
public enum TenantState {
    /** Every migration of the code is applied. */
    UP_TO_DATE,
    /** Some migrations are not applied yet, including a tenant that was never migrated. */
    PENDING,
    /** A migration is being applied right now. */
    RUNNING,
    /**
     * Its last run failed, or its history needs an operator (a FAILED, INTERRUPTED, CHANGED or MISSING migration).
     */
    FAILED,
    /** Its status could not be read: its database did not answer. */
    UNREACHABLE
}
