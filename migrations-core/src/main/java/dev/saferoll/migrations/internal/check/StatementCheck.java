package dev.saferoll.migrations.internal.check;

import java.util.List;

import dev.saferoll.migrations.MigrationConnection;

/**
 * A check that sees each statement of a migration just before it runs (and, if it wants, just after): the
 * zero-downtime lint on {@code up}, the data-loss guard on {@code down}, the measured impact of a dry run. Throwing
 * stops the statement, so a transactional migration is rolled back with nothing applied. One instance per migration
 * run.
 */
public interface StatementCheck {

    /** A check that lets everything through. */
    StatementCheck NONE = new StatementCheck() {

        @Override
        public void beforeStatement(String sql, MigrationConnection connection) {
        }

        @Override
        public List<String> notes() {
            return List.of();
        }
    };

    /**
     * Called with each statement before it runs.
     * @param connection the connection it is about to run on, for checks that read live data
     */
    void beforeStatement(String sql, MigrationConnection connection);

    /**
     * Called with each statement after it ran without error, on the same connection; only a connection that runs
     * statements calls it. Nothing by default.
     */
    default void afterStatement(String sql, MigrationConnection connection) {
    }

    /** What the check found or let through, as outcome notes. */
    List<String> notes();
}
