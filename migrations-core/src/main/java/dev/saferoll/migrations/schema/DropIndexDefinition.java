package dev.saferoll.migrations.schema;

/** An index being dropped in a {@link Blueprint}. */
public final class DropIndexDefinition {

    private final TableName table;

    private final IndexName name;

    private boolean concurrently;

    DropIndexDefinition(TableName table, IndexName name) {
        this.table = table;
        this.name = name;
    }

    /** Drops the index without blocking the table ({@code DROP INDEX CONCURRENTLY}); outside a transaction only. */
    public DropIndexDefinition concurrently() {
        this.concurrently = true;
        return this;
    }

    SchemaCommand.DropIndex toCommand() {
        return new SchemaCommand.DropIndex(this.table, this.name, this.concurrently);
    }
}
