package dev.saferoll.migrations.internal;

/** The status column of a history row. */
enum HistoryStatus {
    /** The migration was applied; it counts as applied until a rollback marks the row ROLLED_BACK. */
    APPLIED,
    /** The attempt failed; migrate refuses until {@code db:reset VERSION} deletes the row. */
    FAILED,
    /** The migration was applied and later rolled back; the row stays as an audit trail. */
    ROLLED_BACK
}
