package dev.saferoll.migrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;

/**
 * The migrations in the code joined with the history rows, as read once at the start of a run. The last row of a
 * version (by id) decides its state.
 */
final class MigrationPlan {

    private final Map<MigrationVersion, Migration> migrations = new TreeMap<>();

    private final List<String> duplicates = new ArrayList<>();

    private final List<HistoryRecord> rows;

    private final Map<MigrationVersion, HistoryRecord> lastRows = new TreeMap<>();

    private @Nullable MigrationStatus status;

    MigrationPlan(List<Migration> migrations, List<HistoryRecord> rows) {
        for (Migration migration : migrations) {
            Migration previous = this.migrations.putIfAbsent(migration.getVersion(), migration);
            if (previous != null) {
                this.duplicates.add("Version " + migration.getVersion() + " is used by both "
                        + previous.getClass().getName() + " and " + migration.getClass().getName() + ". "
                        + MigrationAdvice.duplicateVersion());
            }
        }
        this.rows = rows.stream().sorted(Comparator.comparingLong(HistoryRecord::id)).toList();
        for (HistoryRecord row : this.rows) {
            this.lastRows.put(row.version(), row);
        }
    }

    /** The plan after more rows were written during the run, without reading the table again. */
    MigrationPlan with(List<HistoryRecord> rows) {
        return new MigrationPlan(List.copyOf(this.migrations.values()), rows);
    }

    List<HistoryRecord> rows() {
        return this.rows;
    }

    /** Problems with the code alone: duplicate versions. */
    List<String> duplicates() {
        return List.copyOf(this.duplicates);
    }

    Optional<Migration> migration(MigrationVersion version) {
        return Optional.ofNullable(this.migrations.get(version));
    }

    Optional<HistoryRecord> lastRow(MigrationVersion version) {
        return Optional.ofNullable(this.lastRows.get(version));
    }

    /** The newest version whose last row is APPLIED, in the code or not. */
    Optional<MigrationVersion> currentVersion() {
        return this.lastRows.values()
            .stream()
            .filter((row) -> row.status() == HistoryStatus.APPLIED)
            .map(HistoryRecord::version)
            .max(Comparator.naturalOrder());
    }

    /** The status; computed once, since a plan never changes ({@link #with} makes a new one). */
    MigrationStatus status() {
        MigrationStatus status = this.status;
        if (status == null) {
            status = computeStatus();
            this.status = status;
        }
        return status;
    }

    private MigrationStatus computeStatus() {
        Optional<MigrationVersion> current = currentVersion();
        TreeSet<MigrationVersion> versions = new TreeSet<>(this.migrations.keySet());
        versions.addAll(this.lastRows.keySet());
        List<MigrationStatusEntry> entries = new ArrayList<>();
        for (MigrationVersion version : versions) {
            Migration migration = this.migrations.get(version);
            HistoryRecord row = this.lastRows.get(version);
            MigrationState state = state(migration, row, current);
            if (state == null) {
                continue;
            }
            entries.add(entry(version, migration, row, state));
        }
        return new MigrationStatus(entries, Instant.now());
    }

    private static MigrationState state(Migration migration, HistoryRecord row,
            Optional<MigrationVersion> current) {
        if (row == null) {
            boolean older = current.isPresent() && migration.getVersion().compareTo(current.get()) < 0;
            return older ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING;
        }
        if (row.status() == HistoryStatus.FAILED) {
            return MigrationState.FAILED;
        }
        if (row.status() == HistoryStatus.APPLIED) {
            return (migration != null) ? MigrationState.APPLIED : MigrationState.MISSING;
        }
        // Rolled back and then deleted from the code: nothing of it is left in the database.
        return (migration != null) ? MigrationState.ROLLED_BACK : null;
    }

    private static MigrationStatusEntry entry(MigrationVersion version, Migration migration, HistoryRecord row,
            MigrationState state) {
        boolean fromHistory = state != MigrationState.PENDING && state != MigrationState.OUT_OF_ORDER && row != null;
        String description = (migration != null) ? migration.getDescription() : row.description();
        String domain = (migration != null) ? migration.getDomain() : row.domain();
        boolean reversible = (migration != null) ? migration instanceof SafelyReversible : row.reversible();
        boolean transactional = migration == null || migration.isTransactional();
        if (!fromHistory) {
            return new MigrationStatusEntry(version, description, domain, state, reversible, transactional, null, null,
                    null, null, null);
        }
        return new MigrationStatusEntry(version, description, domain, state, reversible, transactional,
                row.appliedAt(), row.appliedBy(), Duration.ofMillis(row.executionTimeMs()), row.sizeBeforeBytes(),
                row.sizeAfterBytes());
    }

    /**
     * Every problem that stops a migrate run: duplicates, FAILED, MISSING (when it fails), OUT_OF_ORDER within the
     * target (unless allowed).
     */
    List<String> problems(MigrationTarget target, boolean failOnMissing, boolean outOfOrder) {
        List<String> problems = new ArrayList<>(this.duplicates);
        MigrationStatus status = status();
        Optional<MigrationVersion> current = currentVersion();
        for (MigrationStatusEntry entry : status.entries()) {
            if (entry.state() == MigrationState.FAILED && entry.executionTime() != null
                    && entry.executionTime().isNegative()) {
                problems.add("Migration " + entry.version() + " (" + entry.description() + ") was interrupted at "
                        + entry.appliedAt() + " while it ran outside a transaction (the process stopped before it "
                        + "finished), so the schema may be partially changed. "
                        + MigrationAdvice.resetPartial(entry.version()));
            }
            else if (entry.state() == MigrationState.FAILED) {
                problems.add("Migration " + entry.version() + " (" + entry.description() + ") FAILED at "
                        + entry.appliedAt() + ". " + MigrationAdvice.resetFailed(entry.version()));
            }
            else if (entry.state() == MigrationState.MISSING && failOnMissing) {
                problems.add("Migration " + entry.version() + " (" + entry.description() + ") is applied but no "
                        + "longer in the code. " + MigrationAdvice.missing());
            }
            else if (!outOfOrder && entry.state().isPending() && target.includes(entry.version())
                    && current.isPresent() && entry.version().compareTo(current.get()) < 0) {
                problems.add("Migration " + entry.version() + " (" + entry.description() + ") is pending but older "
                        + "than the current version " + current.get() + ". " + MigrationAdvice.outOfOrder());
            }
        }
        return problems;
    }

    /** The migrations a run applies, in version order. */
    List<Migration> pending(MigrationTarget target) {
        MigrationStatus status = status();
        List<Migration> pending = new ArrayList<>();
        for (MigrationStatusEntry entry : status.pending()) {
            if (target.includes(entry.version())) {
                pending.add(this.migrations.get(entry.version()));
            }
        }
        return pending;
    }

    /** The rows that count as applied, the last applied first. */
    List<HistoryRecord> appliedNewestFirst() {
        List<HistoryRecord> applied = new ArrayList<>(this.lastRows.values()
            .stream()
            .filter((row) -> row.status() == HistoryStatus.APPLIED)
            .toList());
        applied.sort(Comparator.comparingLong(HistoryRecord::id).reversed());
        return applied;
    }

    /** Every migration in the code by version, first of each duplicate only. */
    Map<MigrationVersion, Migration> migrations() {
        return new LinkedHashMap<>(this.migrations);
    }
}
