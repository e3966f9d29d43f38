package dev.saferoll.migrations.schema;

import dev.saferoll.migrations.Dialect;

/** A validated index name. */
public record IndexName(String name) {

    public IndexName {
        Identifier.validate("Index name", name);
    }

    public static IndexName fromString(String text) {
        return new IndexName(text);
    }

    public static IndexName of(String name) {
        return new IndexName(name);
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
