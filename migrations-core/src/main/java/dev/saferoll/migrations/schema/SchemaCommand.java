package dev.saferoll.migrations.schema;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One schema change as the {@link Blueprint} recorded it: typed names and definitions, never SQL. A
 * {@link dev.saferoll.migrations.schema.Grammar} compiles it through {@link #accept}, which has one visit
 * method per command, so a grammar that misses a command does not compile.
 */
public sealed interface SchemaCommand {

    /** The table the command works on. */
    TableName table();

    <R> R accept(Visitor<R> visitor);

    /** Creates a table with its columns, keys, constraints and indexes. */
    record CreateTable(TableName table, List<Column> columns, @Nullable PrimaryKey primaryKey,
            List<UniqueConstraint> uniques, List<ForeignKey> foreignKeys, List<Check> checks,
            List<CreateIndex> indexes) implements SchemaCommand {

        public CreateTable {
            Objects.requireNonNull(table, "table");
            columns = List.copyOf(columns);
            uniques = List.copyOf(uniques);
            foreignKeys = List.copyOf(foreignKeys);
            checks = List.copyOf(checks);
            indexes = List.copyOf(indexes);
        }

        /** A table without unique constraints. */
        public CreateTable(TableName table, List<Column> columns, @Nullable PrimaryKey primaryKey,
                List<ForeignKey> foreignKeys, List<Check> checks, List<CreateIndex> indexes) {
            this(table, columns, primaryKey, List.of(), foreignKeys, checks, indexes);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCreateTable(this);
        }
    }

    /** Drops a table, optionally only if it exists. */
    record DropTable(TableName table, boolean ifExists) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDropTable(this);
        }
    }

    /** Renames a table within its schema. */
    record RenameTable(TableName table, TableName to) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRenameTable(this);
        }
    }

    /** Adds a column to an existing table. */
    record AddColumn(TableName table, Column column) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAddColumn(this);
        }
    }

    /**
     * Changes the type and nullability of an existing column to the given definition, and its default when the
     * definition gives one; without one the column keeps its default (an identity or a serial's {@code nextval}).
     */
    record ChangeColumn(TableName table, Column column) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitChangeColumn(this);
        }
    }

    /** Drops one or more columns. */
    record DropColumn(TableName table, List<ColumnName> columns) implements SchemaCommand {

        public DropColumn {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("dropColumn needs at least one column");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDropColumn(this);
        }
    }

    /** Renames a column. */
    record RenameColumn(TableName table, ColumnName from, ColumnName to) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRenameColumn(this);
        }
    }

    /**
     * Creates an index.
     * @param table the table
     * @param name the index name
     * @param columns the indexed columns
     * @param unique whether the index is unique
     * @param concurrently whether to build it without blocking writes (outside a transaction)
     * @param where the predicate of a partial index, raw SQL written by the migration author, or {@code null}
     */
    record CreateIndex(TableName table, IndexName name, List<ColumnName> columns, boolean unique,
            boolean concurrently, @Nullable String where) implements SchemaCommand {

        public CreateIndex {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("Index " + name + " needs at least one column");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCreateIndex(this);
        }
    }

    /** Drops an index. */
    record DropIndex(TableName table, IndexName name, boolean concurrently) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDropIndex(this);
        }
    }

    /** Adds a foreign key to an existing table. */
    record AddForeignKey(TableName table, ForeignKey foreignKey) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAddForeignKey(this);
        }
    }

    /** Drops a foreign key. */
    record DropForeignKey(TableName table, ConstraintName name) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDropForeignKey(this);
        }
    }

    /** Adds a CHECK constraint to an existing table. */
    record AddCheck(TableName table, Check check) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAddCheck(this);
        }
    }

    /** Adds a primary key to an existing table. */
    record AddPrimaryKey(TableName table, PrimaryKey primaryKey) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAddPrimaryKey(this);
        }
    }

    /** Adds a unique constraint to an existing table. */
    record AddUnique(TableName table, UniqueConstraint unique) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAddUnique(this);
        }
    }

    /** Drops the primary key; MySQL names every primary key {@code PRIMARY}, so it is dropped as such there. */
    record DropPrimaryKey(TableName table, ConstraintName name) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDropPrimaryKey(this);
        }
    }

    /** Drops a constraint of any kind (check, unique, primary key, foreign key). */
    record DropConstraint(TableName table, ConstraintName name) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDropConstraint(this);
        }
    }

    /** Checks the existing rows against a constraint added with {@code notValid()}. */
    record ValidateConstraint(TableName table, ConstraintName name) implements SchemaCommand {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitValidateConstraint(this);
        }
    }

    /** One method per command. */
    interface Visitor<R> {

        R visitCreateTable(CreateTable command);

        R visitDropTable(DropTable command);

        R visitRenameTable(RenameTable command);

        R visitAddColumn(AddColumn command);

        R visitChangeColumn(ChangeColumn command);

        R visitDropColumn(DropColumn command);

        R visitRenameColumn(RenameColumn command);

        R visitCreateIndex(CreateIndex command);

        R visitDropIndex(DropIndex command);

        R visitAddForeignKey(AddForeignKey command);

        R visitDropForeignKey(DropForeignKey command);

        R visitAddCheck(AddCheck command);

        R visitAddPrimaryKey(AddPrimaryKey command);

        R visitAddUnique(AddUnique command);

        R visitDropPrimaryKey(DropPrimaryKey command);

        R visitDropConstraint(DropConstraint command);

        R visitValidateConstraint(ValidateConstraint command);
    }
}
