package dev.saferoll.migrations.internal;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

import dev.saferoll.migrations.safety.DataLossGuard;
import dev.saferoll.migrations.schema.SchemaCommand;

/**
 * The connection a {@code down} gets: the schema builder shows it each command before running it, so the
 * {@link DataLossGuard} can check live data. Statements that did not come from a schema command cannot be checked;
 * they are noted as unverified, not blocked.
 */
final class GuardedMigrationConnection extends ForwardingMigrationConnection {

    private final DataLossGuard guard;

    private final LinkedList<String> expected = new LinkedList<>();

    private final List<String> unverified = new ArrayList<>();

    GuardedMigrationConnection(JdbcMigrationConnection delegate, DataLossGuard guard) {
        super(delegate);
        this.guard = guard;
    }

    @Override
    public void beforeCommand(SchemaCommand command) {
        this.guard.check(command, delegate());
        this.expected.addAll(dialect().grammar().compile(command));
    }

    @Override
    void beforeStatement(String sql) {
        if (!this.expected.remove(sql)) {
            this.unverified.add(sql);
        }
    }

    /** Forced losses and statements the guard could not verify. */
    @Override
    List<String> notes() {
        List<String> notes = new ArrayList<>(this.guard.forcedLosses());
        for (String sql : this.unverified) {
            notes.add("unverified: the data-loss guard cannot check raw SQL run by down(): " + sql);
        }
        return notes;
    }
}
