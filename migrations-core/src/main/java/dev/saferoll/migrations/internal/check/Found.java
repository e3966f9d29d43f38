package dev.saferoll.migrations.internal.check;

import dev.saferoll.migrations.safety.LintRule;

/**
 * A rule that fired on a statement, before acknowledgements are applied.
 * @param rule the rule
 * @param subject what it is about, such as {@code users.email}
 */
record Found(LintRule rule, String subject) {
}
