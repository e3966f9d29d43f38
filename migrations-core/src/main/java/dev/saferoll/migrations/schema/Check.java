package dev.saferoll.migrations.schema;

/**
 * A CHECK constraint.
 * @param name the constraint name
 * @param expression the boolean expression, raw SQL written by the migration author
 * @param notValid whether existing rows are left unchecked (validate later with {@code validateConstraint})
 */
public record Check(ConstraintName name, String expression, boolean notValid) {
}
