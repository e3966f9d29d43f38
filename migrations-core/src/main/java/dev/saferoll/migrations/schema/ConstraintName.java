package dev.saferoll.migrations.schema;

import dev.saferoll.migrations.Dialect;

/** A validated constraint name (foreign key, check, primary key). */
public record ConstraintName(String name) {

    public ConstraintName {
        Identifier.validate("Constraint name", name);
    }

    public static ConstraintName fromString(String text) {
        return new ConstraintName(text);
    }

    public static ConstraintName of(String name) {
        return new ConstraintName(name);
    }

    /** The name quoted for the dialect. */
    public String quoted(Dialect dialect) {
        return Identifier.quote(dialect, this.name);
    }

    @Override
    public String toString() {
        return this.name;
    }
}
