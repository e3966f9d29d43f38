package dev.saferoll.migrations.schema.grammar;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.schema.SchemaCommand;

/**
 * All SQL of one dialect: it compiles the schema builder's commands, and it supplies the few statements the runner,
 * the history store and the lock need. No other class writes dialect SQL. Compiling is pure: no database is needed.
 */
public interface Grammar {

    /** The dialect this grammar writes. */
    Dialect dialect();

    /** The statements for one schema command, in the order they must run. */
    List<String> compile(SchemaCommand command);

    /** The statements for several commands, in order. */
    default List<String> compile(List<? extends SchemaCommand> commands) {
        return commands.stream().flatMap((command) -> compile(command).stream()).toList();
    }

    /** Whether DDL takes part in transactions, so a failed migration leaves no partial schema. */
    boolean supportsTransactionalDdl();

    /**
     * Statements that set the lock and statement timeouts for the current transaction only; empty when both are
     * {@code null}.
     */
    List<String> transactionTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout);

    /** A query returning one {@code bigint}: the size of the current database in bytes. */
    String databaseSizeQuery();

    /** A query with one {@code bigint} parameter (the lock key) returning one boolean: whether the lock was taken. */
    String tryLockQuery();

    /** A query with one {@code bigint} parameter (the lock key) that releases the lock. */
    String unlockQuery();

    /**
     * A query with one {@code bigint} parameter (the lock key) returning one text column per holder of the lock, each
     * a readable description (pid, application name, client address, since when).
     */
    String lockHolderQuery();

    /** A query returning the current schema name. */
    String currentSchemaQuery();

    /** A query returning the user name and client address, recorded as {@code applied_by}. */
    String currentUserQuery();

    /**
     * A query with two text parameters (schema, table) that returns one row when the table exists and none
     * otherwise.
     */
    String tableExistsQuery();

    /**
     * Statements that drop every table, view and sequence in the schema, for {@code db:fresh}.
     * @param schema the schema whose objects to drop, already validated
     */
    List<String> dropAllObjects(String schema);

    /**
     * Statements that set the lock and statement timeouts for the session, for a migration that runs outside a
     * transaction; {@link #resetSessionTimeouts()} undoes them. Empty when both are {@code null} or the dialect has
     * no such settings.
     */
    default List<String> sessionTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {
        return List.of();
    }

    /** Statements that undo {@link #sessionTimeouts}. */
    default List<String> resetSessionTimeouts() {
        return List.of();
    }

    /**
     * A query returning one {@code bigint} mark above which every relation created or rewritten later gets its
     * identifier, or {@code null} when the dialect cannot measure growth that way (then the size is always measured
     * with {@link #databaseSizeQuery()}).
     */
    default @Nullable String relationMarkQuery() {
        return null;
    }

    /**
     * A query with three {@code bigint} parameters, each the same mark from {@link #relationMarkQuery()}, returning two
     * {@code bigint}s: the bytes of every relation created or rewritten since the mark, and the new mark. Used only
     * when {@link #relationMarkQuery()} is not {@code null}.
     */
    default @Nullable String relationGrowthQuery() {
        return null;
    }
}
