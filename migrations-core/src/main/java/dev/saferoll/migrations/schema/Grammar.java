package dev.saferoll.migrations.schema;

import java.util.List;

import dev.saferoll.migrations.Dialect;

/**
 * Compiles the schema builder's commands to one dialect's DDL. Compiling is pure: no database is needed, so a grammar
 * is tested by the exact SQL it writes. The queries Saferoll runs against a live database belong to
 * {@link dev.saferoll.migrations.database.Database}, not here.
 */
public interface Grammar {

    /** The grammar of a dialect. */
    static Grammar of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> PostgresGrammar.INSTANCE;
            case H2 -> H2Grammar.INSTANCE;
            case MYSQL -> MySqlGrammar.INSTANCE;
            case MARIADB -> MariaDbGrammar.INSTANCE;
        };
    }

    /** The dialect this grammar writes. */
    Dialect dialect();

    /** The statements for one schema command, in the order they must run. */
    List<String> compile(SchemaCommand command);

    /** The statements for several commands, in order. */
    default List<String> compile(List<? extends SchemaCommand> commands) {
        return commands.stream().flatMap((command) -> compile(command).stream()).toList();
    }

    /**
     * Whether DDL takes part in transactions, so a failed migration leaves no partial schema. Where it does not
     * (MySQL and H2 commit DDL implicitly), a migration's DDL and its history row cannot commit together: every
     * migration runs as a non-transactional one, recorded as in progress before it starts.
     */
    boolean supportsTransactionalDdl();

    /** Whether an index can be partial ({@code where(...)}); where not, such an index is refused when compiled. */
    default boolean supportsPartialIndexes() {
        return false;
    }
}
