package dev.saferoll.migrations.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Records what a migration wants to do to one table: columns, indexes, keys, constraints. It writes no SQL; the
 * dialect's {@link dev.saferoll.migrations.schema.Grammar} compiles the recorded {@link SchemaCommand}s.
 * Methods taking a {@link String} validate it as an identifier first.
 */
public final class Blueprint {

    private static final int MAX_NAME_LENGTH = 63;

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

    // Columns

    /** An auto-incrementing {@code bigint} primary key named {@code id}. */
    public ColumnDefinition id() {
        return id(ColumnName.of("id"));
    }

    /** An auto-incrementing {@code bigint} primary key. */
    public ColumnDefinition id(ColumnName name) {
        return add(new ColumnDefinition(name, new ColumnType.BigIntegerType(), true)).primary();
    }

    public ColumnDefinition id(String name) {
        return id(ColumnName.fromString(name));
    }

    /** A {@code varchar(255)}. */
    public ColumnDefinition string(ColumnName name) {
        return string(name, 255);
    }

    public ColumnDefinition string(String name) {
        return string(ColumnName.fromString(name));
    }

    /** A {@code varchar(length)}. */
    public ColumnDefinition string(ColumnName name, int length) {
        return column(name, new ColumnType.VarChar(length));
    }

    public ColumnDefinition string(String name, int length) {
        return string(ColumnName.fromString(name), length);
    }

    public ColumnDefinition text(ColumnName name) {
        return column(name, new ColumnType.Text());
    }

    public ColumnDefinition text(String name) {
        return text(ColumnName.fromString(name));
    }

    public ColumnDefinition integer(ColumnName name) {
        return column(name, new ColumnType.IntegerType());
    }

    public ColumnDefinition integer(String name) {
        return integer(ColumnName.fromString(name));
    }

    public ColumnDefinition bigInteger(ColumnName name) {
        return column(name, new ColumnType.BigIntegerType());
    }

    public ColumnDefinition bigInteger(String name) {
        return bigInteger(ColumnName.fromString(name));
    }

    /** A {@code boolean} column ({@code boolean} is a Java keyword). */
    public ColumnDefinition bool(ColumnName name) {
        return column(name, new ColumnType.BooleanType());
    }

    public ColumnDefinition bool(String name) {
        return bool(ColumnName.fromString(name));
    }

    /** An exact number with {@code precision} digits, {@code scale} of them after the point. */
    public ColumnDefinition decimal(ColumnName name, int precision, int scale) {
        return column(name, new ColumnType.DecimalType(precision, scale));
    }

    public ColumnDefinition decimal(String name, int precision, int scale) {
        return decimal(ColumnName.fromString(name), precision, scale);
    }

    public ColumnDefinition uuid(ColumnName name) {
        return column(name, new ColumnType.UuidType());
    }

    public ColumnDefinition uuid(String name) {
        return uuid(ColumnName.fromString(name));
    }

    public ColumnDefinition json(ColumnName name) {
        return column(name, new ColumnType.JsonType());
    }

    public ColumnDefinition json(String name) {
        return json(ColumnName.fromString(name));
    }

    public ColumnDefinition jsonb(ColumnName name) {
        return column(name, new ColumnType.JsonbType());
    }

    public ColumnDefinition jsonb(String name) {
        return jsonb(ColumnName.fromString(name));
    }

    /** A timestamp with time zone. */
    public ColumnDefinition timestamp(ColumnName name) {
        return column(name, new ColumnType.TimestampType());
    }

    public ColumnDefinition timestamp(String name) {
        return timestamp(ColumnName.fromString(name));
    }

    public ColumnDefinition date(ColumnName name) {
        return column(name, new ColumnType.DateType());
    }

    public ColumnDefinition date(String name) {
        return date(ColumnName.fromString(name));
    }

    /** Nullable {@code created_at} and {@code updated_at} timestamps with time zone. */
    public void timestamps() {
        timestamp(ColumnName.of("created_at")).nullable();
        timestamp(ColumnName.of("updated_at")).nullable();
    }

    /** Drops {@code created_at} and {@code updated_at}. */
    public void dropTimestamps() {
        dropColumn(ColumnName.of("created_at"), ColumnName.of("updated_at"));
    }

    /** Adds a column of any type. */
    public ColumnDefinition column(ColumnName name, ColumnType type) {
        return add(new ColumnDefinition(name, type, false));
    }

    // Table commands

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

    /** A unique index named {@code <table>_<columns>_unique} unless renamed. */
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

    /** Makes the columns the primary key, named {@code <table>_pkey}. */
    public void primary(ColumnName... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("A primary key on " + this.table + " needs at least one column");
        }
        this.entries.add(new PrimaryKey(primaryKeyName(), List.of(columns)));
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
        dropConstraint(primaryKeyName());
    }

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

    // Compilation to commands

    List<SchemaCommand> toCommands() {
        return this.creating ? List.of(toCreateTable()) : toAlterCommands();
    }

    private SchemaCommand.CreateTable toCreateTable() {
        List<Column> columns = new ArrayList<>();
        List<ColumnName> primaryColumns = new ArrayList<>();
        PrimaryKey explicitPrimaryKey = null;
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
                : primaryColumns.isEmpty() ? null : new PrimaryKey(primaryKeyName(), primaryColumns);
        return new SchemaCommand.CreateTable(this.table, columns, primaryKey, foreignKeys, checks, indexes);
    }

    private List<SchemaCommand> toAlterCommands() {
        List<SchemaCommand> commands = new ArrayList<>();
        for (Object entry : this.entries) {
            if (entry instanceof ColumnDefinition column) {
                commands.add(column.isChange() ? new SchemaCommand.ChangeColumn(this.table, column.toColumn())
                        : new SchemaCommand.AddColumn(this.table, column.toColumn()));
                // A changed column keeps its key: id().change() only widens the column.
                if (column.isPrimary() && !column.isChange()) {
                    commands.add(new SchemaCommand.AddPrimaryKey(this.table,
                            new PrimaryKey(primaryKeyName(), List.of(column.name()))));
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

    private ColumnDefinition add(ColumnDefinition column) {
        this.entries.add(column);
        return column;
    }

    private IndexDefinition addIndex(List<ColumnName> columns, boolean unique, @Nullable IndexName name) {
        IndexDefinition definition = new IndexDefinition(this.table, columns, unique, name);
        this.entries.add(definition);
        return definition;
    }

    private ConstraintName primaryKeyName() {
        return ConstraintName.fromString(limit(this.table.name() + "_pkey"));
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
