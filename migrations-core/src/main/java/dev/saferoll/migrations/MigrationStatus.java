package dev.saferoll.migrations;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One immutable snapshot of every migration found and every history row, joined and ordered by version. The Actuator
 * endpoint, health indicator, metrics and {@code db:status} all read this.
 * @param entries every migration, ordered by version
 * @param takenAt when the snapshot was taken
 */
public record MigrationStatus(List<MigrationStatusEntry> entries, Instant takenAt) {

    public MigrationStatus {
        entries = entries.stream().sorted(Comparator.comparing(MigrationStatusEntry::version)).toList();
    }

    /** The newest applied version, if any, whether this code knows it or not. */
    public Optional<MigrationVersion> currentVersion() {
        return this.entries.stream()
            .filter((entry) -> entry.state().isApplied())
            .map(MigrationStatusEntry::version)
            .max(Comparator.naturalOrder());
    }

    /** The entries in the given state. */
    public List<MigrationStatusEntry> inState(MigrationState state) {
        return this.entries.stream().filter((entry) -> entry.state() == state).toList();
    }

    /** How many entries are in the given state. */
    public long count(MigrationState state) {
        return this.entries.stream().filter((entry) -> entry.state() == state).count();
    }

    /** The entries a migrate run would apply (out-of-order ones only when allowed). */
    public List<MigrationStatusEntry> pending() {
        return this.entries.stream().filter((entry) -> entry.state().isPending()).toList();
    }

    /** The entry for a version, if known. */
    public Optional<MigrationStatusEntry> find(MigrationVersion version) {
        return this.entries.stream().filter((entry) -> entry.version().equals(version)).findFirst();
    }

    /** Whether any migration is in a state that needs an operator (see {@link MigrationState#needsAttention()}). */
    public boolean needsAttention() {
        return this.entries.stream().anyMatch((entry) -> entry.state().needsAttention());
    }
}
