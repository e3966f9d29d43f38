package dev.saferoll.migrations.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** An index being defined in a {@link Blueprint}. */
public final class IndexDefinition {

    private final TableName table;

    private final List<ColumnName> columns;

    private final boolean unique;

    private @Nullable IndexName name;

    private boolean concurrently;

    private @Nullable String where;

    IndexDefinition(TableName table, List<ColumnName> columns, boolean unique, @Nullable IndexName name) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("An index on " + table + " needs at least one column");
        }
        this.table = table;
        this.columns = List.copyOf(columns);
        this.unique = unique;
        this.name = name;
    }

    /** Names the index; by default {@code <table>_<columns>_index} or {@code _unique}. */
    public IndexDefinition name(IndexName name) {
        this.name = name;
        return this;
    }

    /** Names the index. */
    public IndexDefinition name(String name) {
        return name(IndexName.fromString(name));
    }

    /**
     * Builds the index without blocking writes ({@code CREATE INDEX CONCURRENTLY} on PostgreSQL). This cannot run in
     * a transaction: the migration must return {@code false} from {@code isTransactional()}.
     */
    public IndexDefinition concurrently() {
        this.concurrently = true;
        return this;
    }

    /**
     * Makes a partial index over the rows that match the predicate. The predicate is raw SQL written by the migration
     * author and is not escaped: never build it from user input.
     */
    public IndexDefinition where(String predicate) {
        if (predicate == null || predicate.isBlank()) {
            throw new IllegalArgumentException("The predicate of a partial index must not be empty");
        }
        this.where = predicate;
        return this;
    }

    SchemaCommand.CreateIndex toCommand() {
        String suffix = this.unique ? "unique" : "index";
        IndexName indexName = (this.name != null) ? this.name
                : IndexName.fromString(BlueprintCommands.defaultName(this.table, this.columns, suffix));
        return new SchemaCommand.CreateIndex(this.table, indexName, this.columns, this.unique, this.concurrently,
                this.where);
    }
}
