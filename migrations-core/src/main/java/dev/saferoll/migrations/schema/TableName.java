package dev.saferoll.migrations.schema;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;

/**
 * A validated table name, optionally qualified by a schema ({@code billing.invoices}).
 * @param schema the schema, or {@code null} for the connection's search path
 * @param name the table name
 */
public record TableName(@Nullable String schema, String name) {

    public TableName {
        if (schema != null) {
            Identifier.validate("Schema name", schema);
        }
        Identifier.validate("Table name", name);
    }

    /** Parses {@code table} or {@code schema.table}. */
    public static TableName fromString(String text) {
        if (text != null) {
            int dot = text.indexOf('.');
            if (dot >= 0 && text.indexOf('.', dot + 1) < 0) {
                return new TableName(text.substring(0, dot), text.substring(dot + 1));
            }
        }
        return new TableName(null, text);
    }

    public static TableName of(String name) {
        return fromString(name);
    }

    public Optional<String> schemaName() {
        return Optional.ofNullable(this.schema);
    }

    /** The name quoted for the dialect, schema-qualified when a schema was given. */
    public String quoted(Dialect dialect) {
        String name = Identifier.quote(dialect, this.name);
        return (this.schema != null) ? Identifier.quote(dialect, this.schema) + "." + name : name;
    }

    @Override
    public String toString() {
        return (this.schema != null) ? this.schema + "." + this.name : this.name;
    }
}
