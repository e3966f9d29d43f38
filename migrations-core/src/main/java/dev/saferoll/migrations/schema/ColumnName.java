package dev.saferoll.migrations.schema;

import dev.saferoll.migrations.Dialect;

/** A validated column name. */
public record ColumnName(String name) {

    public ColumnName {
        Identifier.validate("Column name", name);
    }

    public static ColumnName fromString(String text) {
        return new ColumnName(text);
    }

    public static ColumnName of(String name) {
        return new ColumnName(name);
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
