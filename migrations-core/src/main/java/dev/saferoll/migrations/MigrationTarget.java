package dev.saferoll.migrations;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * How far a migrate run goes: every pending migration, those up to and including one version, or the next few.
 */
public final class MigrationTarget {

    private static final MigrationTarget LATEST = new MigrationTarget(null, null);

    private final @Nullable MigrationVersion version;

    private final @Nullable Integer count;

    private MigrationTarget(@Nullable MigrationVersion version, @Nullable Integer count) {
        this.version = version;
        this.count = count;
    }

    /** Every pending migration. */
    public static MigrationTarget latest() {
        return LATEST;
    }

    /** Pending migrations up to and including {@code version}. */
    public static MigrationTarget upTo(MigrationVersion version) {
        return new MigrationTarget(Objects.requireNonNull(version, "version"), null);
    }

    /**
     * The next {@code count} pending migrations, in version order ({@code db:migrate --step=1} applies one).
     * @throws MigrationException with {@link MigrationException.ErrorCode#INVALID_INPUT} if count is below 1
     */
    public static MigrationTarget next(int count) {
        if (count < 1) {
            throw new MigrationException(MigrationException.ErrorCode.INVALID_INPUT,
                    "Invalid step count " + count, "Pass how many pending migrations to apply, 1 or more");
        }
        return new MigrationTarget(null, count);
    }

    /** The last version to apply, or empty when the target is not a version. */
    public Optional<MigrationVersion> version() {
        return Optional.ofNullable(this.version);
    }

    /** How many pending migrations to apply at most, or empty for all. */
    public OptionalInt count() {
        return (this.count != null) ? OptionalInt.of(this.count) : OptionalInt.empty();
    }

    /** Whether a migration of this version is within the target's version bound. */
    public boolean includes(MigrationVersion candidate) {
        return this.version == null || candidate.compareTo(this.version) <= 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationTarget target && Objects.equals(target.version, this.version)
                && Objects.equals(target.count, this.count);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.version, this.count);
    }

    @Override
    public String toString() {
        if (this.count != null) {
            return "next " + this.count;
        }
        return (this.version != null) ? "up to " + this.version : "latest";
    }
}
