package dev.saferoll.migrations.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationOutcome.Direction;
import dev.saferoll.migrations.MigrationOutcome.Outcome;
import dev.saferoll.migrations.StatementFailedException;

/** Builds outcomes and the words that describe them in logs and errors. */
final class Outcomes {

    private Outcomes() {
    }

    static MigrationOutcome of(Migration migration, Direction direction, Outcome outcome, long millis,
            List<String> statements, @Nullable String failure, List<String> notes, @Nullable Long sizeBefore,
            @Nullable Long sizeAfter) {
        return new MigrationOutcome(migration.getVersion(), migration.getDescription(), migration.getDomain(),
                direction, outcome, Duration.ofMillis(millis), sizeBefore, sizeAfter, statements, failure, notes);
    }

    static MigrationOutcome of(Migration migration, Direction direction, Outcome outcome, long millis,
            List<String> statements, @Nullable String failure, List<String> notes) {
        return of(migration, direction, outcome, millis, statements, failure, notes, null, null);
    }

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /** The statement that failed: the one the error names, else the last one sent. */
    static @Nullable String failedStatement(Exception ex, List<String> executed) {
        StatementFailedException failed = find(ex, StatementFailedException.class);
        if (failed != null) {
            return failed.getStatement();
        }
        return (find(ex, SQLException.class) != null && !executed.isEmpty()) ? executed.get(executed.size() - 1)
                : null;
    }

    /** The database's own words for an error, with its SQLSTATE, or the exception's message. */
    static String describe(Exception ex) {
        SQLException sql = find(ex, SQLException.class);
        if (sql != null) {
            return sql.getMessage().strip().replaceAll("\\s+", " ")
                    + ((sql.getSQLState() != null) ? " (SQLSTATE " + sql.getSQLState() + ")" : "");
        }
        return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
    }

    static @Nullable String sqlState(Exception ex) {
        SQLException sql = find(ex, SQLException.class);
        return (sql != null) ? sql.getSQLState() : null;
    }

    static <E extends Throwable> @Nullable E find(Throwable ex, Class<E> type) {
        Throwable current = ex;
        while (current != null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = (current.getCause() != current) ? current.getCause() : null;
        }
        return null;
    }

    /** {@code ; database size 7.4 MB -> 7.5 MB}, or nothing when a size is unknown. */
    static String sizes(String subject, @Nullable Long before, @Nullable Long after) {
        if (before == null || after == null) {
            return "";
        }
        return "; " + subject + " " + readable(before) + " -> " + readable(after);
    }

    private static String readable(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%d kB", Math.round(bytes / 1024.0));
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
