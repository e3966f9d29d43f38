package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.RowMapper;
import dev.saferoll.migrations.internal.check.StatementCheck;

/**
 * The connection a migration gets during a run: each statement passes the run's check, is recorded for the report,
 * then runs, and the check sees it again once it ran. A preview's connection has no delegate: it records every
 * statement and runs none, and its queries return no rows.
 */
final class RunConnection implements MigrationConnection {

    private final @Nullable MigrationConnection delegate;

    private final Dialect dialect;

    private final StatementCheck check;

    private final List<String> statements = new ArrayList<>();

    private RunConnection(@Nullable MigrationConnection delegate, Dialect dialect, StatementCheck check) {
        this.delegate = delegate;
        this.dialect = dialect;
        this.check = check;
    }

    /** A connection that checks, records and runs each statement on {@code delegate}. */
    static RunConnection running(MigrationConnection delegate, StatementCheck check) {
        return new RunConnection(delegate, delegate.dialect(), check);
    }

    /** A connection that only records: nothing reaches the database. */
    static RunConnection recording(Dialect dialect, StatementCheck check) {
        return new RunConnection(null, dialect, check);
    }

    @Override
    public int execute(String sql, Object... parameters) {
        this.check.beforeStatement(sql, this);
        this.statements.add(sql);
        if (this.delegate == null) {
            return 0;
        }
        int affected = this.delegate.execute(sql, parameters);
        this.check.afterStatement(sql, this);
        return affected;
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        return (this.delegate != null) ? this.delegate.query(sql, mapper, parameters) : List.of();
    }

    @Override
    public Dialect dialect() {
        return this.dialect;
    }

    @Override
    public Connection jdbcConnection() {
        if (this.delegate == null) {
            throw new MigrationException(ErrorCode.OPERATION_DISABLED, "A preview records statements and runs none, "
                    + "so it has no JDBC connection to give", "See every statement with a dry run: "
                            + "db:migrate --dry-run");
        }
        return this.delegate.jdbcConnection();
    }

    /** The statements sent through {@link #execute} so far, in order. */
    List<String> statements() {
        return List.copyOf(this.statements);
    }

    /** What the check found. */
    List<String> notes() {
        return this.check.notes();
    }
}
