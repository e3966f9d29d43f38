package dev.saferoll.migrations.backfill;

import dev.saferoll.migrations.MigrationConnection;

/**
 * The change a backfill makes to one batch. It runs inside the batch's transaction: do not commit or roll back.
 * <pre>{@code
 * (connection, range) -> connection.execute(
 *         "UPDATE users SET email = lower(email) WHERE " + range.condition(), range.parameterArray())
 * }</pre>
 */
@FunctionalInterface
public interface BatchAction {

    void apply(MigrationConnection connection, KeyRange range) throws Exception;
}
