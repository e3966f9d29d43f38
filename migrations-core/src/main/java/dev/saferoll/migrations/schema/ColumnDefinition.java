package dev.saferoll.migrations.schema;

import org.jspecify.annotations.Nullable;

/**
 * A column being defined in a {@link Blueprint}, with fluent modifiers. Columns are {@code NOT NULL} unless
 * {@link #nullable()} is called.
 */
public final class ColumnDefinition {

    private final ColumnName name;

    private final ColumnType type;

    private final boolean identity;

    private boolean nullable;

    private @Nullable DefaultValue defaultValue;

    private boolean unique;

    private boolean primary;

    private boolean change;

    private @Nullable String storedAs;

    ColumnDefinition(ColumnName name, ColumnType type, boolean identity) {
        this.name = name;
        this.type = type;
        this.identity = identity;
    }

    /** Allows {@code NULL}. */
    public ColumnDefinition nullable() {
        return nullable(true);
    }

    /** Allows {@code NULL} or not. */
    public ColumnDefinition nullable(boolean nullable) {
        this.nullable = nullable;
        return this;
    }

    /**
     * Sets a literal default: a {@link String}, {@link Number} or {@link Boolean}. The grammar writes it as an
     * escaped SQL literal, never as raw SQL.
     * @throws IllegalArgumentException for any other kind of value
     */
    public ColumnDefinition defaultTo(Object value) {
        this.defaultValue = new DefaultValue.Literal(value);
        return this;
    }

    /** Defaults to the current timestamp ({@code DEFAULT CURRENT_TIMESTAMP}). */
    public ColumnDefinition useCurrent() {
        this.defaultValue = new DefaultValue.CurrentTimestamp();
        return this;
    }

    /** Adds a unique index named {@code <table>_<column>_unique}. */
    public ColumnDefinition unique() {
        this.unique = true;
        return this;
    }

    /** Makes the column (part of) the primary key, named {@code <table>_pkey}. */
    public ColumnDefinition primary() {
        this.primary = true;
        return this;
    }

    /**
     * Makes this a stored generated column: the database computes its value from the other columns of the row, as
     * in Laravel's {@code storedAs}. The expression is raw SQL written by the migration author and is not escaped:
     * never build it from user input. Unquoted names in it resolve as the dialect folds them.
     */
    public ColumnDefinition storedAs(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("The expression of generated column " + this.name
                    + " must not be empty");
        }
        this.storedAs = expression;
        return this;
    }

    /**
     * Turns this definition into a change of an existing column: its type and nullability become what this definition
     * says, and so does its default when this definition gives one; otherwise the column keeps its default, so an
     * identity or serial column goes on generating values. Only inside {@link Schema#table}. Existing values are
     * converted, which can fail or alter them.
     */
    public ColumnDefinition change() {
        this.change = true;
        return this;
    }

    ColumnName name() {
        return this.name;
    }

    boolean isUnique() {
        return this.unique;
    }

    boolean isPrimary() {
        return this.primary;
    }

    boolean isChange() {
        return this.change;
    }

    Column toColumn() {
        return new Column(this.name, this.type, this.nullable, this.defaultValue, this.identity, this.storedAs);
    }
}
