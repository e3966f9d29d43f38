package dev.saferoll.migrations.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns what a {@link Blueprint} recorded into {@link SchemaCommand}s: one {@code CreateTable} for a new table, or
 * one command per change of an existing one, in the order they were recorded. Also names what the author left
 * unnamed.
 */
final class BlueprintCommands {

    private static final int MAX_NAME_LENGTH = 63;

    private final TableName table;

    private final List<Object> entries;

    BlueprintCommands(TableName table, List<Object> entries) {
        this.table = table;
        this.entries = entries;
    }

    SchemaCommand.CreateTable createTable() {
        List<Column> columns = new ArrayList<>();
        List<ColumnName> primaryColumns = new ArrayList<>();
        PrimaryKey explicitPrimaryKey = null;
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        List<SchemaCommand.CreateIndex> indexes = new ArrayList<>();
        for (Object entry : this.entries) {
            if (entry instanceof ColumnDefinition column) {
                if (column.isChange()) {
                    throw new IllegalStateException("change() on column " + column.name() + " of new table "
                            + this.table + ": change() only works inside Schema.table(...)");
                }
                columns.add(column.toColumn());
                if (column.isPrimary()) {
                    primaryColumns.add(column.name());
                }
                if (column.isUnique()) {
                    indexes.add(uniqueIndexFor(column));
                }
            }
            else if (entry instanceof PrimaryKey primaryKey) {
                explicitPrimaryKey = primaryKey;
            }
            else if (entry instanceof IndexDefinition index) {
                indexes.add(index.toCommand());
            }
            else if (entry instanceof UniqueConstraintDefinition unique) {
                uniques.add(unique.toConstraint());
            }
            else if (entry instanceof ForeignKeyDefinition foreignKey) {
                foreignKeys.add(foreignKey.toForeignKey());
            }
            else if (entry instanceof CheckDefinition check) {
                checks.add(check.toCheck());
            }
            else {
                throw new IllegalStateException("Unexpected blueprint entry " + entry);
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("Table " + this.table + " needs at least one column");
        }
        if (explicitPrimaryKey != null && !primaryColumns.isEmpty()) {
            throw new IllegalStateException("Table " + this.table + " declares its primary key twice: with primary("
                    + explicitPrimaryKey.columns() + ") and on column(s) " + primaryColumns + "; keep one");
        }
        PrimaryKey primaryKey = (explicitPrimaryKey != null) ? explicitPrimaryKey
                : primaryColumns.isEmpty() ? null : new PrimaryKey(primaryKeyName(this.table), primaryColumns);
        return new SchemaCommand.CreateTable(this.table, columns, primaryKey, uniques, foreignKeys, checks, indexes);
    }

    List<SchemaCommand> alterTable() {
        List<SchemaCommand> commands = new ArrayList<>();
        for (Object entry : this.entries) {
            if (entry instanceof ColumnDefinition column) {
                commands.add(column.isChange() ? new SchemaCommand.ChangeColumn(this.table, column.toColumn())
                        : new SchemaCommand.AddColumn(this.table, column.toColumn()));
                // A changed column keeps its key: id().change() only widens the column.
                if (column.isPrimary() && !column.isChange()) {
                    commands.add(new SchemaCommand.AddPrimaryKey(this.table,
                            new PrimaryKey(primaryKeyName(this.table), List.of(column.name()))));
                }
                if (column.isUnique()) {
                    commands.add(uniqueIndexFor(column));
                }
            }
            else if (entry instanceof PrimaryKey primaryKey) {
                commands.add(new SchemaCommand.AddPrimaryKey(this.table, primaryKey));
            }
            else if (entry instanceof IndexDefinition index) {
                commands.add(index.toCommand());
            }
            else if (entry instanceof UniqueConstraintDefinition unique) {
                commands.add(new SchemaCommand.AddUnique(this.table, unique.toConstraint()));
            }
            else if (entry instanceof DropIndexDefinition dropIndex) {
                commands.add(dropIndex.toCommand());
            }
            else if (entry instanceof ForeignKeyDefinition foreignKey) {
                commands.add(new SchemaCommand.AddForeignKey(this.table, foreignKey.toForeignKey()));
            }
            else if (entry instanceof CheckDefinition check) {
                commands.add(new SchemaCommand.AddCheck(this.table, check.toCheck()));
            }
            else if (entry instanceof SchemaCommand command) {
                commands.add(command);
            }
            else {
                throw new IllegalStateException("Unexpected blueprint entry " + entry);
            }
        }
        return commands;
    }

    private SchemaCommand.CreateIndex uniqueIndexFor(ColumnDefinition column) {
        return new IndexDefinition(this.table, List.of(column.name()), true, null).toCommand();
    }

    static ConstraintName primaryKeyName(TableName table) {
        return ConstraintName.fromString(limit(table.name() + "_pkey"));
    }

    /**
     * Laravel's default name, {@code <table>_<columns>_<suffix>} in lower case. Names longer than PostgreSQL's 63
     * characters are cut and given a hash of the full name, so that two long names stay distinct.
     */
    static String defaultName(TableName table, List<ColumnName> columns, String suffix) {
        String name = table.name() + "_"
                + columns.stream().map(ColumnName::name).collect(Collectors.joining("_")) + "_" + suffix;
        return limit(name.toLowerCase(Locale.ROOT));
    }

    private static String limit(String name) {
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        String hash = String.format("%08x", Arrays.hashCode(name.getBytes(StandardCharsets.UTF_8)));
        return name.substring(0, MAX_NAME_LENGTH - hash.length() - 1) + "_" + hash;
    }
}
