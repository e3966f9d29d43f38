package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.RowMapper;
import dev.saferoll.migrations.safety.DataLossGuard;
import dev.saferoll.migrations.schema.SchemaCommand;
import dev.saferoll.migrations.schema.SchemaCommandListener;
import dev.saferoll.migrations.schema.grammar.Dialect;

/**
 * The connection a {@code down} gets: the schema builder shows it each command before running it, so the
 * {@link DataLossGuard} can check live data. Statements that did not come from a schema command cannot be checked;
 * they are noted as unverified, not blocked.
 */
final class GuardedMigrationConnection implements MigrationConnection, SchemaCommandListener {

    private final JdbcMigrationConnection delegate;

    private final DataLossGuard guard;

    private final LinkedList<String> expected = new LinkedList<>();

    private final List<String> unverified = new ArrayList<>();

    GuardedMigrationConnection(JdbcMigrationConnection delegate, DataLossGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public void beforeCommand(SchemaCommand command) {
        this.guard.check(command, this.delegate);
        this.expected.addAll(this.delegate.dialect().grammar().compile(command));
    }

    @Override
    public int execute(String sql, Object... parameters) {
        if (!this.expected.remove(sql)) {
            this.unverified.add(sql);
        }
        return this.delegate.execute(sql, parameters);
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        return this.delegate.query(sql, mapper, parameters);
    }

    @Override
    public Dialect dialect() {
        return this.delegate.dialect();
    }

    @Override
    public Connection jdbcConnection() {
        return this.delegate.jdbcConnection();
    }

    List<String> executedStatements() {
        return this.delegate.executedStatements();
    }

    /** Forced losses and statements the guard could not verify. */
    List<String> notes() {
        List<String> notes = new ArrayList<>(this.guard.forcedLosses());
        for (String sql : this.unverified) {
            notes.add("unverified: the data-loss guard cannot check raw SQL run by down(): " + sql);
        }
        return notes;
    }
}
