package dev.saferoll.migrations.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * The migrations in the code joined with the history rows, as read once. The last row of a version (by id) decides
 * its state. A row that a non-transactional migration wrote before it started, and never replaced, is RUNNING while
 * someone holds the migration lock ({@code lockHolder}) and INTERRUPTED otherwise.
 */
final class MigrationPlan {

    // Hash maps and one merge of two sorted lists: a plan is built on every start, over thousands of versions.
    private final Map<MigrationVersion, Migration> migrations = new LinkedHashMap<>();

    private final List<MigrationVersion> codeVersions;

    private final List<String> duplicates = new ArrayList<>();

    private final List<HistoryRecord> rows;

    private final Map<MigrationVersion, HistoryRecord> lastRows = new HashMap<>();

    private final @Nullable String lockHolder;

    private @Nullable MigrationStatus status;

    /**
     * @param lockHolder who holds the migration lock, when someone else does; {@code null} when nobody does or when
     * the reader holds it itself
     */
    MigrationPlan(List<Migration> migrations, List<HistoryRecord> rows, @Nullable String lockHolder) {
        for (Migration migration : sortedByVersion(migrations)) {
            Migration previous = this.migrations.putIfAbsent(migration.getVersion(), migration);
            if (previous != null) {
                this.duplicates.add("Version " + migration.getVersion() + " is used by both "
                        + previous.getSource() + " and " + migration.getSource() + ". "
                        + MigrationAdvice.duplicateVersion());
            }
        }
        this.codeVersions = List.copyOf(this.migrations.keySet());
        this.rows = rows.stream().sorted(Comparator.comparingLong(HistoryRecord::id)).toList();
        for (HistoryRecord row : this.rows) {
            this.lastRows.put(row.version(), row);
        }
        this.lockHolder = lockHolder;
    }

    /** The migrations ordered by version; the facade hands them over sorted already, so this usually only checks. */
    private static List<Migration> sortedByVersion(List<Migration> migrations) {
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i - 1).getVersion().compareTo(migrations.get(i).getVersion()) > 0) {
                List<Migration> sorted = new ArrayList<>(migrations);
                sorted.sort(Comparator.comparing(Migration::getVersion));
                return sorted;
            }
        }
        return migrations;
    }

    /** The plan of rows read under the migration lock: an unfinished row has no live runner. */
    MigrationPlan(List<Migration> migrations, List<HistoryRecord> rows) {
        this(migrations, rows, null);
    }

    /** Whether a non-transactional migration started and did not finish, so the lock holder matters. */
    static boolean hasUnfinished(List<HistoryRecord> rows) {
        return rows.stream().anyMatch(HistoryRecord::inProgress);
    }

    /** The plan after this run wrote more rows, without reading the table again. */
    MigrationPlan with(List<HistoryRecord> rows) {
        return new MigrationPlan(List.copyOf(this.migrations.values()), rows, null);
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

    /** The status; computed once, since a plan never changes. */
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
        MigrationVersion newestInCode = this.codeVersions.isEmpty() ? null
                : this.codeVersions.get(this.codeVersions.size() - 1);
        List<MigrationStatusEntry> entries = new ArrayList<>(this.codeVersions.size());
        for (MigrationVersion version : allVersions()) {
            Migration migration = this.migrations.get(version);
            HistoryRecord row = this.lastRows.get(version);
            MigrationState state = state(version, migration, row, current, newestInCode);
            if (state != null) {
                entries.add(entry(version, migration, row, state));
            }
        }
        return new MigrationStatus(entries, Instant.now());
    }

    /** The versions of the code and of the history, merged in order. */
    private List<MigrationVersion> allVersions() {
        List<MigrationVersion> historyOnly = new ArrayList<>();
        for (MigrationVersion version : this.lastRows.keySet()) {
            if (!this.migrations.containsKey(version)) {
                historyOnly.add(version);
            }
        }
        if (historyOnly.isEmpty()) {
            return this.codeVersions;
        }
        historyOnly.sort(Comparator.naturalOrder());
        List<MigrationVersion> merged = new ArrayList<>(this.codeVersions.size() + historyOnly.size());
        int code = 0;
        int history = 0;
        while (code < this.codeVersions.size() || history < historyOnly.size()) {
            boolean takeCode = history == historyOnly.size() || (code < this.codeVersions.size()
                    && this.codeVersions.get(code).compareTo(historyOnly.get(history)) < 0);
            merged.add(takeCode ? this.codeVersions.get(code++) : historyOnly.get(history++));
        }
        return merged;
    }

    private @Nullable MigrationState state(MigrationVersion version, @Nullable Migration migration,
            @Nullable HistoryRecord row, Optional<MigrationVersion> current, @Nullable MigrationVersion newestInCode) {
        if (row == null) {
            boolean older = current.isPresent() && version.compareTo(current.get()) < 0;
            return older ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING;
        }
        if (row.inProgress()) {
            return (this.lockHolder != null) ? MigrationState.RUNNING : MigrationState.INTERRUPTED;
        }
        if (row.status() == HistoryStatus.FAILED) {
            return MigrationState.FAILED;
        }
        if (row.status() == HistoryStatus.APPLIED) {
            if (migration != null) {
                String now = migration.getChecksum().orElse(null);
                boolean changed = now != null && row.checksum() != null && !now.equals(row.checksum());
                return changed ? MigrationState.CHANGED : MigrationState.APPLIED;
            }
            boolean newer = newestInCode == null || version.compareTo(newestInCode) > 0;
            return newer ? MigrationState.FUTURE : MigrationState.MISSING;
        }
        // Rolled back and then deleted from the code: nothing of it is left in the database.
        return (migration != null) ? MigrationState.ROLLED_BACK : null;
    }

    private MigrationStatusEntry entry(MigrationVersion version, @Nullable Migration migration,
            @Nullable HistoryRecord row, MigrationState state) {
        String description = (migration != null) ? migration.getDescription() : row.description();
        String domain = (migration != null) ? migration.getDomain() : row.domain();
        boolean reversible = (migration != null) ? migration instanceof SafelyReversible : row.reversible();
        boolean transactional = migration == null || migration.isTransactional();
        if (row == null || state.isPending() && state != MigrationState.ROLLED_BACK) {
            return new MigrationStatusEntry(version, description, domain, state, reversible, transactional, null, null,
                    null, null, null, null);
        }
        Duration time = row.inProgress() ? null : Duration.ofMillis(row.executionTimeMs());
        String runningOn = (state == MigrationState.RUNNING) ? this.lockHolder : null;
        return new MigrationStatusEntry(version, description, domain, state, reversible, transactional,
                row.appliedAt(), row.appliedBy(), time, row.sizeBeforeBytes(), row.sizeAfterBytes(), runningOn);
    }

    /**
     * Every problem that stops a migrate run: duplicates, FAILED, INTERRUPTED, MISSING and FUTURE (when they fail),
     * OUT_OF_ORDER within the target (unless allowed). RUNNING is no problem: the run waits for the lock.
     */
    List<String> problems(MigrationTarget target, MigrateOperation.ValidationPolicy policy) {
        List<String> problems = new ArrayList<>(this.duplicates);
        Optional<MigrationVersion> current = currentVersion();
        for (MigrationStatusEntry entry : status().entries()) {
            String name = "Migration " + entry.version() + " (" + entry.description() + ")";
            switch (entry.state()) {
                case INTERRUPTED -> problems.add(name + " was interrupted: it started at " + entry.appliedAt()
                        + " outside a transaction and its runner stopped before it finished, so the schema may be "
                        + "partially changed. " + MigrationAdvice.resetPartial(entry.version()));
                case FAILED -> problems.add(name + " FAILED at " + entry.appliedAt() + ". "
                        + MigrationAdvice.resetFailed(entry.version()));
                case CHANGED -> {
                    if (policy.failOnChanged()) {
                        Migration migration = this.migrations.get(entry.version());
                        problems.add(name + " was changed after it was applied (its checksum differs). "
                                + MigrationAdvice.changed(entry.version(), migration.getSource()));
                    }
                }
                case MISSING -> {
                    if (policy.failOnMissing()) {
                        problems.add(name + " is applied but no longer in the code. " + MigrationAdvice.missing());
                    }
                }
                case FUTURE -> {
                    if (policy.failOnFuture()) {
                        problems.add(name + " is applied but newer than every migration in this code. "
                                + MigrationAdvice.future());
                    }
                }
                default -> {
                    if (!policy.outOfOrder() && entry.state().isPending() && target.includes(entry.version())
                            && current.isPresent() && entry.version().compareTo(current.get()) < 0) {
                        problems.add(name + " is pending but older than the current version " + current.get() + ". "
                                + MigrationAdvice.outOfOrder());
                    }
                }
            }
        }
        return problems;
    }

    /** Whether a non-transactional migration runs elsewhere right now, so a run must wait for the lock. */
    boolean hasRunning() {
        return status().entries().stream().anyMatch((entry) -> entry.state() == MigrationState.RUNNING);
    }

    /** The migrations a run applies, in version order. */
    List<Migration> pending(MigrationTarget target) {
        List<Migration> pending = new ArrayList<>();
        for (MigrationStatusEntry entry : status().pending()) {
            if (target.includes(entry.version())) {
                pending.add(this.migrations.get(entry.version()));
            }
        }
        int count = target.count().orElse(pending.size());
        return (count < pending.size()) ? List.copyOf(pending.subList(0, count)) : pending;
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
