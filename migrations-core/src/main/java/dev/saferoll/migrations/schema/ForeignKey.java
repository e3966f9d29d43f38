package dev.saferoll.migrations.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A foreign key constraint.
 * @param name the constraint name
 * @param columns the referencing columns
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns
 * @param onDelete the action on delete, or {@code null} for the database default (NO ACTION)
 * @param onUpdate the action on update, or {@code null} for the database default (NO ACTION)
 * @param notValid whether existing rows are left unchecked (validate later with {@code validateConstraint})
 */
public record ForeignKey(ConstraintName name, List<ColumnName> columns, TableName referencedTable,
        List<ColumnName> referencedColumns, @Nullable ForeignKeyAction onDelete, @Nullable ForeignKeyAction onUpdate,
        boolean notValid) {

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
