package dev.saferoll.migrations.safety;

import java.util.Locale;

import dev.saferoll.migrations.MigrationException;

/** What the zero-downtime lint does with a finding that no {@link SafetyAssured} acknowledges. */
public enum LintMode {
    /** No lint. */
    OFF,
    /** Log findings and show them in dry runs; apply anyway. */
    WARN,
    /** Refuse the migration: its transaction is rolled back before the statement runs. */
    FAIL;

    /** Parses {@code off}, {@code warn} or {@code fail}, in any case. */
    public static LintMode fromString(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new MigrationException(MigrationException.ErrorCode.INVALID_INPUT,
                    "Invalid lint mode '" + text + "': use off, warn or fail");
        }
    }
}
