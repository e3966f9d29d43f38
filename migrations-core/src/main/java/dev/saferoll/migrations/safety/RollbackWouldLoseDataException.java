package dev.saferoll.migrations.safety;

import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationVersion;

/** A {@code down} would drop data that still exists. Its transaction was rolled back; nothing changed. */
public class RollbackWouldLoseDataException extends MigrationException {

    private final MigrationVersion version;

    public RollbackWouldLoseDataException(MigrationVersion version, String loss) {
        super(ErrorCode.ROLLBACK_WOULD_LOSE_DATA, "Rollback of " + version + " would " + loss
                + "; nothing was rolled back", MigrationAdvice.dataLoss());
        this.version = version;
    }

    public MigrationVersion getVersion() {
        return this.version;
    }
}
