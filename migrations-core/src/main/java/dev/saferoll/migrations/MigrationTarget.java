package dev.saferoll.migrations;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** How far a migrate run goes: every pending migration, or up to and including one version. */
public final class MigrationTarget {

    private static final MigrationTarget LATEST = new MigrationTarget(null);

    private final @Nullable MigrationVersion version;

    private MigrationTarget(@Nullable MigrationVersion version) {
        this.version = version;
    }

    /** Every pending migration. */
    public static MigrationTarget latest() {
        return LATEST;
    }

    /** Pending migrations up to and including {@code version}. */
    public static MigrationTarget upTo(MigrationVersion version) {
        return new MigrationTarget(java.util.Objects.requireNonNull(version, "version"));
    }

    /** The last version to apply, or empty for {@link #latest()}. */
    public Optional<MigrationVersion> version() {
        return Optional.ofNullable(this.version);
    }

    /** Whether a migration of this version is within the target. */
    public boolean includes(MigrationVersion candidate) {
        return this.version == null || candidate.compareTo(this.version) <= 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationTarget target && java.util.Objects.equals(target.version, this.version);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(this.version);
    }

    @Override
    public String toString() {
        return (this.version != null) ? "up to " + this.version : "latest";
    }
}
