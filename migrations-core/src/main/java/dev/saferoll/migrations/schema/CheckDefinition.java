package dev.saferoll.migrations.schema;

/** A CHECK constraint being defined in a {@link Blueprint}. */
public final class CheckDefinition {

    private final ConstraintName name;

    private final String expression;

    private boolean notValid;

    CheckDefinition(ConstraintName name, String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("The expression of check constraint " + name + " must not be empty");
        }
        this.name = name;
        this.expression = expression;
    }

    /**
     * Adds the constraint without checking existing rows; run {@code validateConstraint} in a later migration.
     * Applies to existing tables only.
     */
    public CheckDefinition notValid() {
        this.notValid = true;
        return this;
    }

    Check toCheck() {
        return new Check(this.name, this.expression, this.notValid);
    }
}
