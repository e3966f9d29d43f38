package dev.saferoll.migrations.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.schema.SchemaCommand.AddCheck;
import dev.saferoll.migrations.schema.SchemaCommand.AddColumn;
import dev.saferoll.migrations.schema.SchemaCommand.AddForeignKey;
import dev.saferoll.migrations.schema.SchemaCommand.AddPrimaryKey;
import dev.saferoll.migrations.schema.SchemaCommand.AddUnique;
import dev.saferoll.migrations.schema.SchemaCommand.ChangeColumn;
import dev.saferoll.migrations.schema.SchemaCommand.CreateIndex;
import dev.saferoll.migrations.schema.SchemaCommand.CreateTable;
import dev.saferoll.migrations.schema.SchemaCommand.DropColumn;
import dev.saferoll.migrations.schema.SchemaCommand.DropConstraint;
import dev.saferoll.migrations.schema.SchemaCommand.DropForeignKey;
import dev.saferoll.migrations.schema.SchemaCommand.DropIndex;
import dev.saferoll.migrations.schema.SchemaCommand.DropPrimaryKey;
import dev.saferoll.migrations.schema.SchemaCommand.DropTable;
import dev.saferoll.migrations.schema.SchemaCommand.RenameColumn;
import dev.saferoll.migrations.schema.SchemaCommand.RenameTable;
import dev.saferoll.migrations.schema.SchemaCommand.ValidateConstraint;

/**
 * MySQL 8's SQL, with backtick-quoted identifiers. MySQL commits DDL implicitly, so no migration's DDL shares a
 * transaction with its history row. {@code concurrently()} asks for an online build ({@code ALGORITHM=INPLACE
 * LOCK=NONE}), which MySQL refuses rather than locking when it cannot. Constraints are checked against the existing
 * rows when added, so {@code notValid()} has nothing to defer and {@code validateConstraint} compiles to nothing. The
 * primary key is always called {@code PRIMARY}. {@link MariaDbGrammar} extends this, as Laravel's does.
 */
class MySqlGrammar implements Grammar {

    static final MySqlGrammar INSTANCE = new MySqlGrammar(Dialect.MYSQL);

    private final Dialect dialect;

    private final CommandCompiler commandCompiler = new CommandCompiler();

    private final TypeCompiler typeCompiler = new TypeCompiler();

    MySqlGrammar(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public Dialect dialect() {
        return this.dialect;
    }

    @Override
    public List<String> compile(SchemaCommand command) {
        return command.accept(this.commandCompiler);
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return false;
    }

    /** The type of a UUID column. */
    String uuidType() {
        return "char(36)";
    }

    /** Whether a generated column may say NULL or NOT NULL. */
    boolean generatedColumnsTakeNullability() {
        return true;
    }

    /** The action that drops a foreign key. */
    String dropForeignKey(ConstraintName name) {
        return "DROP FOREIGN KEY " + q(name);
    }

    final String q(TableName table) {
        return table.quoted(this.dialect);
    }

    final String q(ColumnName column) {
        return column.quoted(this.dialect);
    }

    final String q(ConstraintName name) {
        return name.quoted(this.dialect);
    }

    private String columnList(List<ColumnName> columns) {
        return columns.stream().map(this::q).collect(Collectors.joining(", "));
    }

    private String type(ColumnType type) {
        return type.accept(this.typeCompiler);
    }

    private String columnDefinition(Column column) {
        StringBuilder sql = new StringBuilder(q(column.name())).append(' ').append(type(column.type()));
        if (column.storedAs() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(column.storedAs()).append(") STORED");
            if (!generatedColumnsTakeNullability()) {
                return sql.toString();
            }
        }
        sql.append(column.nullable() ? " NULL" : " NOT NULL");
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(defaultValue(column));
        }
        if (column.identity()) {
            sql.append(" AUTO_INCREMENT");
        }
        return sql.toString();
    }

    // A timestamp(6) default must have the column's precision.
    private static String defaultValue(Column column) {
        if (column.defaultValue() instanceof DefaultValue.Literal literal) {
            return literal(literal.value());
        }
        return (column.type() instanceof ColumnType.TimestampType) ? "CURRENT_TIMESTAMP(6)" : "CURRENT_TIMESTAMP";
    }

    /** An SQL literal; MySQL strings take backslash escapes, so the backslash is doubled as well as the quote. */
    static String literal(Object value) {
        if (value instanceof String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof BigInteger || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).toPlainString();
        }
        throw new IllegalArgumentException("Unsupported literal " + value);
    }

    private String constraint(ConstraintName name, String definition) {
        return "CONSTRAINT " + q(name) + " " + definition;
    }

    private String primaryKey(PrimaryKey primaryKey) {
        return "PRIMARY KEY (" + columnList(primaryKey.columns()) + ")";
    }

    private String unique(UniqueConstraint unique) {
        return constraint(unique.name(), "UNIQUE (" + columnList(unique.columns()) + ")");
    }

    private String foreignKey(ForeignKey foreignKey) {
        StringBuilder sql = new StringBuilder("FOREIGN KEY (").append(columnList(foreignKey.columns()))
            .append(") REFERENCES ").append(q(foreignKey.referencedTable())).append(" (")
            .append(columnList(foreignKey.referencedColumns())).append(')');
        if (foreignKey.onDelete() != null) {
            sql.append(" ON DELETE ").append(foreignKey.onDelete().sql());
        }
        if (foreignKey.onUpdate() != null) {
            sql.append(" ON UPDATE ").append(foreignKey.onUpdate().sql());
        }
        return constraint(foreignKey.name(), sql.toString());
    }

    private String check(Check check) {
        return constraint(check.name(), "CHECK (" + check.expression() + ")");
    }

    private String alter(TableName table, String action) {
        return "ALTER TABLE " + q(table) + " " + action;
    }

    private final class CommandCompiler implements SchemaCommand.Visitor<List<String>> {

        @Override
        public List<String> visitCreateTable(CreateTable command) {
            List<String> definitions = new ArrayList<>();
            command.columns().forEach((column) -> definitions.add(columnDefinition(column)));
            if (command.primaryKey() != null) {
                definitions.add(primaryKey(command.primaryKey()));
            }
            command.uniques().forEach((unique) -> definitions.add(unique(unique)));
            command.foreignKeys().forEach((foreignKey) -> definitions.add(foreignKey(foreignKey)));
            command.checks().forEach((check) -> definitions.add(check(check)));
            List<String> statements = new ArrayList<>();
            statements.add("CREATE TABLE " + q(command.table()) + " (" + String.join(", ", definitions) + ")");
            command.indexes().forEach((index) -> statements.addAll(visitCreateIndex(index)));
            return List.copyOf(statements);
        }

        @Override
        public List<String> visitDropTable(DropTable command) {
            return List.of("DROP TABLE " + (command.ifExists() ? "IF EXISTS " : "") + q(command.table()));
        }

        // An unqualified new name would land in the connection's database, so it keeps the table's schema.
        @Override
        public List<String> visitRenameTable(RenameTable command) {
            TableName to = new TableName(command.table().schema(), command.to().name());
            return List.of(alter(command.table(), "RENAME TO " + q(to)));
        }

        @Override
        public List<String> visitAddColumn(AddColumn command) {
            return List.of(alter(command.table(), "ADD COLUMN " + columnDefinition(command.column())));
        }

        @Override
        public List<String> visitChangeColumn(ChangeColumn command) {
            return List.of(alter(command.table(), "MODIFY COLUMN " + columnDefinition(command.column())));
        }

        @Override
        public List<String> visitDropColumn(DropColumn command) {
            return List.of(alter(command.table(), command.columns().stream()
                .map((column) -> "DROP COLUMN " + q(column)).collect(Collectors.joining(", "))));
        }

        @Override
        public List<String> visitRenameColumn(RenameColumn command) {
            return List.of(alter(command.table(), "RENAME COLUMN " + q(command.from()) + " TO " + q(command.to())));
        }

        @Override
        public List<String> visitCreateIndex(CreateIndex command) {
            if (command.where() != null) {
                throw new IllegalArgumentException("Index " + command.name() + " is partial (where(...)), which "
                        + dialect.displayName() + " cannot build; drop where(...) or guard the migration to "
                        + "PostgreSQL");
            }
            return List.of("CREATE " + (command.unique() ? "UNIQUE " : "") + "INDEX "
                    + command.name().quoted(dialect) + " ON " + q(command.table()) + " ("
                    + columnList(command.columns()) + ")"
                    + (command.concurrently() ? " ALGORITHM=INPLACE LOCK=NONE" : ""));
        }

        // InnoDB drops a secondary index in place without blocking writes, concurrently or not.
        @Override
        public List<String> visitDropIndex(DropIndex command) {
            return List.of("DROP INDEX " + command.name().quoted(dialect) + " ON " + q(command.table()));
        }

        @Override
        public List<String> visitAddForeignKey(AddForeignKey command) {
            return List.of(alter(command.table(), "ADD " + foreignKey(command.foreignKey())));
        }

        @Override
        public List<String> visitDropForeignKey(DropForeignKey command) {
            return List.of(alter(command.table(), dropForeignKey(command.name())));
        }

        @Override
        public List<String> visitAddCheck(AddCheck command) {
            return List.of(alter(command.table(), "ADD " + check(command.check())));
        }

        @Override
        public List<String> visitAddPrimaryKey(AddPrimaryKey command) {
            return List.of(alter(command.table(), "ADD " + primaryKey(command.primaryKey())));
        }

        @Override
        public List<String> visitAddUnique(AddUnique command) {
            return List.of(alter(command.table(), "ADD " + unique(command.unique())));
        }

        @Override
        public List<String> visitDropPrimaryKey(DropPrimaryKey command) {
            return List.of(alter(command.table(), "DROP PRIMARY KEY"));
        }

        @Override
        public List<String> visitDropConstraint(DropConstraint command) {
            return List.of(alter(command.table(), "DROP CONSTRAINT " + q(command.name())));
        }

        @Override
        public List<String> visitValidateConstraint(ValidateConstraint command) {
            return List.of();
        }
    }

    private final class TypeCompiler implements ColumnType.Visitor<String> {

        @Override
        public String visitVarChar(ColumnType.VarChar type) {
            return "varchar(" + type.length() + ")";
        }

        @Override
        public String visitText(ColumnType.Text type) {
            return "text";
        }

        @Override
        public String visitInteger(ColumnType.IntegerType type) {
            return "int";
        }

        @Override
        public String visitBigInteger(ColumnType.BigIntegerType type) {
            return "bigint";
        }

        @Override
        public String visitBoolean(ColumnType.BooleanType type) {
            return "boolean";
        }

        @Override
        public String visitDecimal(ColumnType.DecimalType type) {
            return "decimal(" + type.precision() + ", " + type.scale() + ")";
        }

        @Override
        public String visitUuid(ColumnType.UuidType type) {
            return uuidType();
        }

        @Override
        public String visitJson(ColumnType.JsonType type) {
            return "json";
        }

        @Override
        public String visitJsonb(ColumnType.JsonbType type) {
            return "json";
        }

        @Override
        public String visitTimestamp(ColumnType.TimestampType type) {
            return "timestamp(6)";
        }

        @Override
        public String visitDate(ColumnType.DateType type) {
            return "date";
        }
    }
}
