package dev.saferoll.migrations.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Records what a migration wants to do to one table: columns, indexes, keys, constraints. It writes no SQL; the
 * dialect's {@link dev.saferoll.migrations.schema.Grammar} compiles the recorded {@link SchemaCommand}s.
 * Methods taking a {@link String} validate it as an identifier first. The column shortcuts ({@code id},
 * {@code string}, {@code timestamps}, ...) come from its column half; this class holds the table commands.
 */
public final class Blueprint extends BlueprintColumns {

    private final TableName table;

    private final boolean creating;

    private final List<Object> entries = new ArrayList<>();

    Blueprint(TableName table, boolean creating) {
        this.table = table;
        this.creating = creating;
    }

    /** The table this blueprint works on. */
    public TableName table() {
        return this.table;
    }

    @Override
    ColumnDefinition add(ColumnDefinition column) {
        this.entries.add(column);
        return column;
    }

    /** Drops {@code created_at} and {@code updated_at}. */
    public void dropTimestamps() {
        dropColumn(ColumnName.of("created_at"), ColumnName.of("updated_at"));
    }

    /** Drops columns and, with them, their values. */
    public void dropColumn(ColumnName... columns) {
        requireExistingTable("dropColumn");
        this.entries.add(new SchemaCommand.DropColumn(this.table, List.of(columns)));
    }

    public void dropColumn(String... columns) {
        dropColumn(columnNames(columns));
    }

    public void renameColumn(ColumnName from, ColumnName to) {
        requireExistingTable("renameColumn");
        this.entries.add(new SchemaCommand.RenameColumn(this.table, from, to));
    }

    public void renameColumn(String from, String to) {
        renameColumn(ColumnName.fromString(from), ColumnName.fromString(to));
    }

    /** An index named {@code <table>_<columns>_index} unless renamed. */
    public IndexDefinition index(ColumnName... columns) {
        return addIndex(List.of(columns), false, null);
    }

    public IndexDefinition index(String... columns) {
        return index(columnNames(columns));
    }

    public IndexDefinition index(IndexName name, ColumnName... columns) {
        return addIndex(List.of(columns), false, name);
    }

    /** An index on one column with a given name, as in {@code index(userId, IndexName.of("idx_user_id"))}. */
    public IndexDefinition index(ColumnName column, IndexName name) {
        return addIndex(List.of(column), false, name);
    }

    /**
     * A unique index named {@code <table>_<columns>_unique} unless renamed. For a constraint that
     * {@code ON CONFLICT ON CONSTRAINT} can name, use {@link #uniqueConstraint} instead.
     */
    public IndexDefinition unique(ColumnName... columns) {
        return addIndex(List.of(columns), true, null);
    }

    public IndexDefinition unique(String... columns) {
        return unique(columnNames(columns));
    }

    public IndexDefinition unique(IndexName name, ColumnName... columns) {
        return addIndex(List.of(columns), true, name);
    }

    public IndexDefinition unique(ColumnName column, IndexName name) {
        return addIndex(List.of(column), true, name);
    }

    /**
     * A unique constraint named {@code <table>_<columns>_unique} unless renamed. Unlike {@link #unique}, it is a
     * constraint, so {@code ON CONFLICT ON CONSTRAINT} (PostgreSQL) can name it; drop it with
     * {@link #dropConstraint}. The database builds a unique index for it.
     */
    public UniqueConstraintDefinition uniqueConstraint(ColumnName... columns) {
        UniqueConstraintDefinition definition = new UniqueConstraintDefinition(this.table, List.of(columns));
        this.entries.add(definition);
        return definition;
    }

    public UniqueConstraintDefinition uniqueConstraint(String... columns) {
        return uniqueConstraint(columnNames(columns));
    }

    /** Makes the columns the primary key, named {@code <table>_pkey}. */
    public void primary(ColumnName... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("A primary key on " + this.table + " needs at least one column");
        }
        this.entries.add(new PrimaryKey(BlueprintCommands.primaryKeyName(this.table), List.of(columns)));
    }

    public void primary(String... columns) {
        primary(columnNames(columns));
    }

    /** Drops an index (unique indexes included). */
    public DropIndexDefinition dropIndex(IndexName name) {
        requireExistingTable("dropIndex");
        DropIndexDefinition definition = new DropIndexDefinition(this.table, name);
        this.entries.add(definition);
        return definition;
    }

    public DropIndexDefinition dropIndex(String name) {
        return dropIndex(IndexName.fromString(name));
    }

    /** A foreign key from the columns; finish it with {@code references(...)} and {@code on(...)}. */
    public ForeignKeyDefinition foreign(ColumnName... columns) {
        ForeignKeyDefinition definition = new ForeignKeyDefinition(this.table, List.of(columns));
        this.entries.add(definition);
        return definition;
    }

    public ForeignKeyDefinition foreign(String... columns) {
        return foreign(columnNames(columns));
    }

    public void dropForeign(ConstraintName name) {
        requireExistingTable("dropForeign");
        this.entries.add(new SchemaCommand.DropForeignKey(this.table, name));
    }

    public void dropForeign(String name) {
        dropForeign(ConstraintName.fromString(name));
    }

    /**
     * A CHECK constraint. The expression is raw SQL written by the migration author and is not escaped: never build
     * it from user input.
     */
    public CheckDefinition check(ConstraintName name, String expression) {
        CheckDefinition definition = new CheckDefinition(name, expression);
        this.entries.add(definition);
        return definition;
    }

    public CheckDefinition check(String name, String expression) {
        return check(ConstraintName.fromString(name), expression);
    }

    public void dropCheck(ConstraintName name) {
        dropConstraint(name);
    }

    public void dropCheck(String name) {
        dropConstraint(ConstraintName.fromString(name));
    }

    /** Drops the primary key {@code <table>_pkey}. */
    public void dropPrimary() {
        requireExistingTable("dropPrimary");
        this.entries.add(new SchemaCommand.DropPrimaryKey(this.table, BlueprintCommands.primaryKeyName(this.table)));
    }

    /** Drops a constraint by name: a check, a unique constraint, a foreign key or a primary key. */
    public void dropConstraint(ConstraintName name) {
        requireExistingTable("dropConstraint");
        this.entries.add(new SchemaCommand.DropConstraint(this.table, name));
    }

    public void dropConstraint(String name) {
        dropConstraint(ConstraintName.fromString(name));
    }

    /** Checks existing rows against a constraint that was added with {@code notValid()}. */
    public void validateConstraint(ConstraintName name) {
        requireExistingTable("validateConstraint");
        this.entries.add(new SchemaCommand.ValidateConstraint(this.table, name));
    }

    public void validateConstraint(String name) {
        validateConstraint(ConstraintName.fromString(name));
    }

    List<SchemaCommand> toCommands() {
        BlueprintCommands commands = new BlueprintCommands(this.table, this.entries);
        return this.creating ? List.of(commands.createTable()) : commands.alterTable();
    }

    private IndexDefinition addIndex(List<ColumnName> columns, boolean unique, @Nullable IndexName name) {
        IndexDefinition definition = new IndexDefinition(this.table, columns, unique, name);
        this.entries.add(definition);
        return definition;
    }

    private void requireExistingTable(String operation) {
        if (this.creating) {
            throw new IllegalStateException(operation + " is for existing tables; table " + this.table
                    + " is being created. Use Schema.table(...) in a later migration");
        }
    }

    private static ColumnName[] columnNames(String... names) {
        return Arrays.stream(names).map(ColumnName::fromString).toArray(ColumnName[]::new);
    }
}
