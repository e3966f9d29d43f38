package dev.saferoll.migrations.internal.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.StatementFailedException;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.database.HeldLock;
import dev.saferoll.migrations.database.TableStatistics;

/**
 * What each statement of an executed dry run really did, as the database reports it: the lock it took on each table
 * that existed before the run (new or stronger than what the transaction already held), whether it rewrote a table,
 * and each such table's estimated rows and size. It wraps the run's other check (the lint), whose findings then cite
 * the measurement of their statement. Locks accumulate in the dry run's transaction, so each statement is measured
 * against what was held just before it; when earlier migrations of the same dry run already hold a lock, what a
 * later one takes on that table cannot be seen, and the report says so.
 * <p>
 * Notes read {@code impact of statement N: ACCESS EXCLUSIVE on users (≈1.2 M rows, 340 MB), table rewritten}, N
 * counting the {@code execute} calls of the migration as its recorded statements do.
 */
public final class ImpactCheck implements StatementCheck {

    /** The prefix of an impact note of statement {@code number}, which the CLI prints under that statement. */
    public static String notePrefix(int number) {
        return "impact of statement " + number + ": ";
    }

    private final StatementCheck inner;

    private final Database database;

    private final Connection connection;

    private final @Nullable Long runMark;

    private final List<String> impacts = new ArrayList<>();

    // The measurement each of the inner check's notes cites, by the note's index.
    private final Map<Integer, String> citations = new HashMap<>();

    private int statement;

    private int innerBefore;

    private long statementMark;

    private Map<Long, HeldLock> locksBefore = Map.of();

    // Locks held before this migration's first statement: taken by earlier migrations of the same dry run.
    private @Nullable Map<Long, HeldLock> inherited;

    /**
     * @param inner the run's other check, run first
     * @param runMark the database's relation mark when the dry run began, so that tables the run creates are not
     * reported; {@code null} where the database has no such mark (nothing is measured then)
     */
    public ImpactCheck(StatementCheck inner, Database database, Connection connection, @Nullable Long runMark) {
        this.inner = inner;
        this.database = database;
        this.connection = connection;
        this.runMark = runMark;
    }

    @Override
    public void beforeStatement(String sql, MigrationConnection connection) {
        this.statement++;
        this.innerBefore = this.inner.notes().size();
        this.inner.beforeStatement(sql, connection);
        if (this.runMark == null) {
            return;
        }
        this.statementMark = measure(() -> this.database.relationMark(this.connection).orElse(Long.MAX_VALUE));
        this.locksBefore = measure(() -> byRelation(this.database.heldLocks(this.connection, runMark())));
        if (this.inherited == null) {
            this.inherited = this.locksBefore;
        }
    }

    @Override
    public void afterStatement(String sql, MigrationConnection connection) {
        this.inner.afterStatement(sql, connection);
        if (this.runMark == null) {
            return;
        }
        String impact = measure(this::impact);
        this.impacts.add(notePrefix(this.statement) + impact);
        for (int i = this.innerBefore; i < this.inner.notes().size(); i++) {
            this.citations.put(i, impact);
        }
    }

    private String impact() throws SQLException {
        Optional<List<HeldLock>> held = this.database.heldLocks(this.connection, runMark());
        if (held.isEmpty()) {
            return "not measured: " + this.database.dialect().displayName() + " does not report locks";
        }
        List<String> effects = new ArrayList<>();
        for (HeldLock lock : held.get()) {
            HeldLock before = this.locksBefore.get(lock.relation());
            boolean stronger = before == null || lock.strength() > before.strength();
            boolean rewritten = lock.fileNode() > this.statementMark;
            if (stronger || rewritten) {
                effects.add(lock.mode() + (stronger ? "" : " (already held)") + " on " + name(lock) + " ("
                        + statistics(this.database.tableStatistics(this.connection, lock.relation())) + ")"
                        + (rewritten ? ", table rewritten" : ""));
            }
        }
        if (!effects.isEmpty()) {
            return String.join("; ", effects);
        }
        List<String> hiding = new ArrayList<>();
        for (HeldLock lock : (this.inherited != null) ? this.inherited.values() : List.<HeldLock>of()) {
            hiding.add(lock.mode() + " on " + name(lock));
        }
        // One transaction holds every migration of a dry run; a real run commits between them.
        return hiding.isEmpty() ? "no new lock on any table that existed before the run"
                : "no new lock, but earlier migrations of this dry run already hold " + String.join(", ", hiding)
                        + ", which hides what this statement takes there (a real run commits in between)";
    }

    private long runMark() {
        return (this.runMark != null) ? this.runMark : Long.MAX_VALUE;
    }

    private String name(HeldLock lock) throws SQLException {
        String schema = lock.schema();
        boolean current = schema == null || schema.equals(this.database.currentSchema(this.connection));
        return current ? lock.table() : schema + "." + lock.table();
    }

    /** The impact of each statement, then the inner check's notes, each citing its statement's impact. */
    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>(this.impacts);
        List<String> inner = this.inner.notes();
        for (int i = 0; i < inner.size(); i++) {
            String impact = this.citations.get(i);
            notes.add((impact != null) ? inner.get(i) + " [measured: " + impact + "]" : inner.get(i));
        }
        return List.copyOf(notes);
    }

    private static Map<Long, HeldLock> byRelation(Optional<List<HeldLock>> locks) {
        Map<Long, HeldLock> map = new HashMap<>();
        locks.ifPresent((list) -> list.forEach((lock) -> map.put(lock.relation(), lock)));
        return map;
    }

    private static String statistics(TableStatistics statistics) {
        OptionalLong rows = statistics.estimatedRows();
        OptionalLong bytes = statistics.bytes();
        String text = rows.isPresent() ? "≈" + count(rows.getAsLong()) + " rows" : "rows unknown";
        return bytes.isPresent() ? text + ", " + size(bytes.getAsLong()) : text;
    }

    /** 42, 9.5 k, 1.2 M, 3.4 G: the estimate is rough, so two digits say enough. */
    static String count(long value) {
        if (value < 1_000) {
            return Long.toString(value);
        }
        String[] units = { "k", "M", "G", "T" };
        double scaled = value;
        int unit = -1;
        while (scaled >= 1_000 && unit < units.length - 1) {
            scaled /= 1_000;
            unit++;
        }
        return ((scaled < 10) ? String.format(Locale.ROOT, "%.1f", scaled)
                : String.format(Locale.ROOT, "%.0f", scaled)) + " " + units[unit];
    }

    /** 8 kB, 340 MB, 1.5 GB, in the units PostgreSQL's pg_size_pretty uses. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = { "kB", "MB", "GB", "TB" };
        double scaled = bytes;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return ((scaled < 10) ? String.format(Locale.ROOT, "%.1f", scaled)
                : String.format(Locale.ROOT, "%.0f", scaled)) + " " + units[unit];
    }

    private <T> T measure(Measurement<T> measurement) {
        try {
            return measurement.run();
        }
        catch (SQLException ex) {
            throw new StatementFailedException("(measuring the dry run's impact)", ex);
        }
    }

    @FunctionalInterface
    private interface Measurement<T> {

        T run() throws SQLException;
    }
}
