package dev.saferoll.migrations.schema;

/**
 * Implemented by a {@link dev.saferoll.migrations.MigrationConnection} that wants to see each schema command before
 * {@link Schema#execute()} runs its SQL, such as the rollback connection that checks for data loss. Throwing stops
 * the command and everything after it.
 */
@FunctionalInterface
public interface SchemaCommandListener {

    void beforeCommand(SchemaCommand command);
}
