package dev.saferoll.migrations.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A unique constraint being defined in a {@link Blueprint}. */
public final class UniqueConstraintDefinition {

    private final TableName table;

    private final List<ColumnName> columns;

    private @Nullable ConstraintName name;

    UniqueConstraintDefinition(TableName table, List<ColumnName> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A unique constraint on " + table + " needs at least one column");
        }
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    /** Names the constraint; by default {@code <table>_<columns>_unique}. */
    public UniqueConstraintDefinition name(ConstraintName name) {
        this.name = name;
        return this;
    }

    public UniqueConstraintDefinition name(String name) {
        return name(ConstraintName.fromString(name));
    }

    UniqueConstraint toConstraint() {
        ConstraintName constraintName = (this.name != null) ? this.name
                : ConstraintName.fromString(BlueprintCommands.defaultName(this.table, this.columns, "unique"));
        return new UniqueConstraint(constraintName, this.columns);
    }
}
