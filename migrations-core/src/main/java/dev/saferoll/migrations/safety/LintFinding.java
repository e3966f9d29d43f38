package dev.saferoll.migrations.safety;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationVersion;

/**
 * One zero-downtime lint finding.
 * @param version the migration it was found in
 * @param rule the rule that fired
 * @param subject what it is about, for example {@code users.email} or the statement
 * @param acknowledgement the {@link SafetyAssured#reason()} that acknowledges it, or {@code null}
 */
public record LintFinding(MigrationVersion version, LintRule rule, String subject, @Nullable String acknowledgement) {

    /** Whether a {@link SafetyAssured} on the migration acknowledges this finding. */
    public boolean acknowledged() {
        return this.acknowledgement != null;
    }

    /** One line for logs and reports. */
    public String message() {
        String text = this.version + " " + this.rule + " on " + this.subject + ": " + this.rule.reason()
                + ". Safe way: " + this.rule.recipe();
        return acknowledged() ? text + " (acknowledged: " + this.acknowledgement + ")" : text;
    }
}
