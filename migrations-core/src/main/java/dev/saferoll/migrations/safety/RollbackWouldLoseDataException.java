package dev.saferoll.migrations.safety;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationVersion;

/** A {@code down} would drop data that still exists. Its transaction was rolled back; nothing changed. */
public class RollbackWouldLoseDataException extends MigrationException {

    private final MigrationVersion version;

    public RollbackWouldLoseDataException(MigrationVersion version, String loss) {
        super(ErrorCode.ROLLBACK_WOULD_LOSE_DATA, "Rollback of " + version + " would " + loss
                + "; create a fix-forward migration (make:migration FixYourChanges) or re-run with --force");
        this.version = version;
    }

    public MigrationVersion getVersion() {
        return this.version;
    }
}
