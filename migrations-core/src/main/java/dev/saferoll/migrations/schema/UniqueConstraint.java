package dev.saferoll.migrations.schema;

import java.util.List;

/**
 * A unique constraint, as opposed to a unique index: it has a constraint name that {@code ON CONFLICT ON CONSTRAINT}
 * (PostgreSQL) and {@code dropConstraint} can name.
 * @param name the constraint name, {@code <table>_<columns>_unique} by default
 * @param columns the columns whose values together must be unique
 */
public record UniqueConstraint(ConstraintName name, List<ColumnName> columns) {

    public UniqueConstraint {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Unique constraint " + name + " needs at least one column");
        }
    }
}
