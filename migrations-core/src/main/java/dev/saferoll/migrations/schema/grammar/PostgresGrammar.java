package dev.saferoll.migrations.schema.grammar;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.schema.SchemaCommand;

/** PLACEHOLDER: replaced by the schema builder implementation. */
public final class PostgresGrammar implements Grammar {

    public static final PostgresGrammar INSTANCE = new PostgresGrammar();

    @Override public Dialect dialect() { return Dialect.POSTGRESQL; }
    @Override public List<String> compile(SchemaCommand command) { throw new UnsupportedOperationException(); }
    @Override public boolean supportsTransactionalDdl() { return true; }
    @Override public List<String> transactionTimeouts(@Nullable Duration l, @Nullable Duration s) { throw new UnsupportedOperationException(); }
    @Override public String databaseSizeQuery() { return "SELECT pg_database_size(current_database())"; }
    @Override public String tryLockQuery() { return "SELECT pg_try_advisory_lock(?)"; }
    @Override public String unlockQuery() { return "SELECT pg_advisory_unlock(?)"; }
    @Override public String lockHolderQuery() { throw new UnsupportedOperationException(); }
    @Override public String currentSchemaQuery() { return "SELECT current_schema()"; }
    @Override public String currentUserQuery() { throw new UnsupportedOperationException(); }
    @Override public String tableExistsQuery() { throw new UnsupportedOperationException(); }
    @Override public List<String> dropAllObjects(String schema) { throw new UnsupportedOperationException(); }
}
