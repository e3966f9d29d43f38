package dev.saferoll.migrations.schema;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A foreign key being defined in a {@link Blueprint}; {@link #references} and {@link #on} are required. */
public final class ForeignKeyDefinition {

    private final TableName table;

    private final List<ColumnName> columns;

    private List<ColumnName> referencedColumns = List.of();

    private @Nullable TableName referencedTable;

    private @Nullable ForeignKeyAction onDelete;

    private @Nullable ForeignKeyAction onUpdate;

    private @Nullable ConstraintName name;

    private boolean notValid;

    ForeignKeyDefinition(TableName table, List<ColumnName> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A foreign key on " + table + " needs at least one column");
        }
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    /** The referenced columns. */
    public ForeignKeyDefinition references(ColumnName... columns) {
        this.referencedColumns = List.of(columns);
        return this;
    }

    /** The referenced columns. */
    public ForeignKeyDefinition references(String... columns) {
        return references(Arrays.stream(columns).map(ColumnName::fromString).toArray(ColumnName[]::new));
    }

    /** The referenced table. */
    public ForeignKeyDefinition on(TableName table) {
        this.referencedTable = table;
        return this;
    }

    /** The referenced table. */
    public ForeignKeyDefinition on(String table) {
        return on(TableName.fromString(table));
    }

    public ForeignKeyDefinition onDelete(ForeignKeyAction action) {
        this.onDelete = action;
        return this;
    }

    public ForeignKeyDefinition onUpdate(ForeignKeyAction action) {
        this.onUpdate = action;
        return this;
    }

    /** Names the constraint; by default {@code <table>_<columns>_foreign}. */
    public ForeignKeyDefinition name(ConstraintName name) {
        this.name = name;
        return this;
    }

    public ForeignKeyDefinition name(String name) {
        return name(ConstraintName.fromString(name));
    }

    /**
     * Adds the constraint without checking existing rows, which avoids a long lock on a large table. Run
     * {@code validateConstraint} in a later migration. Applies to existing tables only.
     */
    public ForeignKeyDefinition notValid() {
        this.notValid = true;
        return this;
    }

    ForeignKey toForeignKey() {
        if (this.referencedTable == null || this.referencedColumns.isEmpty()) {
            throw new IllegalStateException("The foreign key on " + this.table + " " + this.columns
                    + " needs both references(...) and on(...), for example "
                    + "foreign(\"user_id\").references(\"id\").on(\"users\")");
        }
        if (this.referencedColumns.size() != this.columns.size()) {
            throw new IllegalStateException("The foreign key on " + this.table + " " + this.columns + " references "
                    + this.referencedColumns + ": give as many referenced columns as referencing ones");
        }
        ConstraintName constraintName = (this.name != null) ? this.name
                : ConstraintName.fromString(BlueprintCommands.defaultName(this.table, this.columns, "foreign"));
        return new ForeignKey(constraintName, this.columns, this.referencedTable, this.referencedColumns,
                this.onDelete, this.onUpdate, this.notValid);
    }
}
