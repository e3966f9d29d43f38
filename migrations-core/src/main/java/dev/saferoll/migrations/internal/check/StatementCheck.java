package dev.saferoll.migrations.internal.check;

import java.util.List;

import dev.saferoll.migrations.MigrationConnection;

/**
 * A check that sees each statement of a migration just before it runs: the zero-downtime lint on {@code up}, the
 * data-loss guard on {@code down}. Throwing stops the statement, so a transactional migration is rolled back with
 * nothing applied. One instance per migration run.
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

    /** What the check found or let through, as outcome notes. */
    List<String> notes();
}
