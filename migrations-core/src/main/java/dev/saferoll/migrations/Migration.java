package dev.saferoll.migrations;

import java.util.Optional;

/**
 * A forward-only schema or data change. Register one as a Spring bean (or pass it to {@link Migrations}) and it is
 * applied once, in version order.
 * <p>
 * Only a migration that also implements {@link SafelyReversible} can be rolled back. Any rollback that reaches a
 * migration without it is refused as a whole, before anything runs.
 */
public interface Migration {

    /**
     * Applies the change. Runs inside a transaction that also records the history row, unless
     * {@link #isTransactional()} returns {@code false}.
     */
    void up(MigrationConnection connection) throws Exception;

    /** The version, for example {@code MigrationVersion.fromTimestamp("2024_12_20_100000")}. Must be unique. */
    MigrationVersion getVersion();

    /** One line that says what the migration does; shown in status, logs and the history table. */
    String getDescription();

    /** The domain the migration belongs to (for example {@code User} or {@code Billing}); a metric tag. */
    default String getDomain() {
        return "default";
    }

    /**
     * Whether {@link #up} runs inside a transaction. Return {@code false} only for statements PostgreSQL refuses in a
     * transaction, such as {@code CREATE INDEX CONCURRENTLY}. A failed non-transactional migration cannot be undone
     * automatically: it is recorded as FAILED and must be fixed by hand and cleared with {@code db:reset}.
     */
    default boolean isTransactional() {
        return true;
    }

    /**
     * A fingerprint of what the migration does, stored in the history when it is applied: when it changes later, the
     * migration's state is CHANGED. SQL-file migrations return their file's SHA-256; a Java migration may return one
     * of its own (for example a version string it bumps on purpose), and by default returns none.
     */
    default Optional<String> getChecksum() {
        return Optional.empty();
    }

    /** Where the migration comes from, for messages: its class, or its file. */
    default String getSource() {
        return getClass().getName();
    }
}
