package dev.saferoll.migrations.schema;

/** PLACEHOLDER: replaced by the schema builder implementation. */
public interface SchemaCommand {
}
