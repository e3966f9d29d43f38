package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.util.List;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.RowMapper;
import dev.saferoll.migrations.schema.SchemaCommandListener;
import dev.saferoll.migrations.schema.grammar.Dialect;

/**
 * A migration connection that sees every schema command and statement before it runs, for the checks the runner
 * makes on the way: the zero-downtime lint on {@code up}, the data-loss guard on {@code down}.
 */
abstract class ForwardingMigrationConnection implements MigrationConnection, SchemaCommandListener {

    private final JdbcMigrationConnection delegate;

    ForwardingMigrationConnection(JdbcMigrationConnection delegate) {
        this.delegate = delegate;
    }

    /** Called with each statement just before it runs. */
    abstract void beforeStatement(String sql);

    /** What the checks found, as outcome notes. */
    abstract List<String> notes();

    @Override
    public final int execute(String sql, Object... parameters) {
        beforeStatement(sql);
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

    JdbcMigrationConnection delegate() {
        return this.delegate;
    }

    List<String> executedStatements() {
        return this.delegate.executedStatements();
    }
}
