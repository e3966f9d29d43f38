package dev.saferoll.migrations.sql;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A possibly schema-qualified name as the database resolves it: unquoted parts are folded the way the syntax folds
 * them (lower case in PostgreSQL, upper case in H2, kept in MySQL), quoted parts keep their case.
 * @param schema the schema, or {@code null} when the name is not qualified
 * @param name the object's own name
 */
public record SqlName(@Nullable String schema, String name) {

    public SqlName {
        Objects.requireNonNull(name, "name");
    }

    /** The name alone, without a schema. */
    public static SqlName of(String name) {
        return new SqlName(null, name);
    }

    /** {@code schema.name}, or {@code name}; not quoted. */
    @Override
    public String toString() {
        return (this.schema != null) ? this.schema + "." + this.name : this.name;
    }
}
