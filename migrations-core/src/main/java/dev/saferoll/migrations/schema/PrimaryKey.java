package dev.saferoll.migrations.schema;

import java.util.List;

/**
 * A primary key constraint.
 * @param name the constraint name, {@code <table>_pkey} by default
 * @param columns the key columns
 */
public record PrimaryKey(ConstraintName name, List<ColumnName> columns) {

    public PrimaryKey {
        columns = List.copyOf(columns);
    }
}
