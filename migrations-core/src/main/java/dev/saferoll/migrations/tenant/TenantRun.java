package dev.saferoll.migrations.tenant;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationException;

/**
 * What a fan-out did to one tenant.
 * @param tenant the tenant's id
 * @param result how it ended
 * @param applied how many migrations it applied
 * @param duration how long the tenant's run took
 * @param error why it failed, or {@code null}
 */
public record TenantRun(String tenant, Result result, int applied, Duration duration,
        @Nullable MigrationException error) {

    /** How one tenant's run ended. */
    public enum Result {
        /** At least one migration was applied. */
        MIGRATED,
        /** Nothing was pending, or another instance applied it meanwhile. */
        UP_TO_DATE,
        /** The run failed; the tenant's history says how far it got. */
        FAILED,
        /** Not started, because an earlier tenant failed and the fan-out stops at the first failure. */
        SKIPPED
    }
}
