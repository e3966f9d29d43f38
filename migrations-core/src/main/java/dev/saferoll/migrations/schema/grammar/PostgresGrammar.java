package dev.saferoll.migrations.schema.grammar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.schema.Check;
import dev.saferoll.migrations.schema.Column;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.ColumnType;
import dev.saferoll.migrations.schema.DefaultValue;
import dev.saferoll.migrations.schema.ForeignKey;
import dev.saferoll.migrations.schema.PrimaryKey;
import dev.saferoll.migrations.schema.SchemaCommand;
import dev.saferoll.migrations.schema.SchemaCommand.AddCheck;
import dev.saferoll.migrations.schema.SchemaCommand.AddColumn;
import dev.saferoll.migrations.schema.SchemaCommand.AddForeignKey;
import dev.saferoll.migrations.schema.SchemaCommand.AddPrimaryKey;
import dev.saferoll.migrations.schema.SchemaCommand.ChangeColumn;
import dev.saferoll.migrations.schema.SchemaCommand.CreateIndex;
import dev.saferoll.migrations.schema.SchemaCommand.CreateTable;
import dev.saferoll.migrations.schema.SchemaCommand.DropColumn;
import dev.saferoll.migrations.schema.SchemaCommand.DropConstraint;
import dev.saferoll.migrations.schema.SchemaCommand.DropForeignKey;
import dev.saferoll.migrations.schema.SchemaCommand.DropIndex;
import dev.saferoll.migrations.schema.SchemaCommand.DropTable;
import dev.saferoll.migrations.schema.SchemaCommand.RenameColumn;
import dev.saferoll.migrations.schema.SchemaCommand.RenameTable;
import dev.saferoll.migrations.schema.SchemaCommand.ValidateConstraint;
import dev.saferoll.migrations.schema.TableName;

/**
 * PostgreSQL's SQL. Every identifier is validated by its value object and written in double quotes; literal defaults
 * are escaped. DDL is transactional, except {@code CONCURRENTLY} index operations.
 */
public final class PostgresGrammar implements Grammar {

    public static final PostgresGrammar INSTANCE = new PostgresGrammar();

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private static final Dialect DIALECT = Dialect.POSTGRESQL;

    private final CommandCompiler commandCompiler = new CommandCompiler();

    private final TypeCompiler typeCompiler = new TypeCompiler();

    private PostgresGrammar() {
    }

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public List<String> compile(SchemaCommand command) {
        return command.accept(this.commandCompiler);
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return true;
    }

    @Override
    public List<String> transactionTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {
        List<String> statements = new ArrayList<>(2);
        if (lockTimeout != null) {
            statements.add("SET LOCAL lock_timeout = '" + millis("lock timeout", lockTimeout) + "ms'");
        }
        if (statementTimeout != null) {
            statements.add("SET LOCAL statement_timeout = '" + millis("statement timeout", statementTimeout) + "ms'");
        }
        return List.copyOf(statements);
    }

    @Override
    public List<String> sessionTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {
        return transactionTimeouts(lockTimeout, statementTimeout).stream()
            .map((statement) -> statement.replace("SET LOCAL ", "SET "))
            .toList();
    }

    @Override
    public List<String> resetSessionTimeouts() {
        return List.of("RESET lock_timeout", "RESET statement_timeout");
    }

    @Override
    public String databaseSizeQuery() {
        return "SELECT pg_database_size(current_database())";
    }

    // New relations get new OIDs and rewritten ones new relfilenodes, both from the cluster's counter, so both
    // indexes of pg_class find them without walking the catalog or stat()-ing every file as pg_database_size does.
    @Override
    public String relationMarkQuery() {
        return "SELECT greatest((SELECT max(oid) FROM pg_class)::bigint, "
                + "(SELECT max(relfilenode) FROM pg_class WHERE reltablespace = 0)::bigint)";
    }

    @Override
    public String relationGrowthQuery() {
        return "SELECT coalesce(sum(pg_relation_size(oid, 'main') + pg_relation_size(oid, 'fsm') "
                + "+ pg_relation_size(oid, 'vm') + pg_relation_size(oid, 'init')), 0)::bigint, "
                + "coalesce(max(greatest(oid::bigint, relfilenode::bigint)), ?::bigint) FROM pg_class "
                + "WHERE oid > ?::bigint::oid OR (reltablespace = 0 AND relfilenode > ?::bigint::oid)";
    }

    @Override
    public String tryLockQuery() {
        return "SELECT pg_try_advisory_lock(?)";
    }

    @Override
    public String unlockQuery() {
        return "SELECT pg_advisory_unlock(?)";
    }

    // A bigint advisory key is held as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
    @Override
    public String lockHolderQuery() {
        return "WITH k AS (SELECT ?::bigint AS key) "
                + "SELECT 'pid ' || a.pid || ' (application ''' || coalesce(a.application_name, '') "
                + "|| ''', client ' || coalesce(host(a.client_addr), 'local') "
                + "|| ', user ' || coalesce(a.usename::text, 'unknown') "
                + "|| ', since ' || coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'unknown') || ')' "
                + "FROM pg_locks l JOIN k ON true "
                + "JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid::bigint = ((k.key >> 32) & 4294967295) "
                + "AND l.objid::bigint = (k.key & 4294967295) "
                + "ORDER BY a.pid";
    }

    @Override
    public String currentSchemaQuery() {
        return "SELECT current_schema()";
    }

    @Override
    public String currentUserQuery() {
        return "SELECT current_user || '@' || coalesce(host(inet_client_addr()), 'local')";
    }

    // pg_class and pg_namespace directly rather than the pg_tables view: on a new connection (every startup) the
    // view costs about 1 ms more to load and plan, which is a third of deciding that nothing is pending.
    @Override
    public String tableExistsQuery() {
        return "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')";
    }

    /**
     * Drops the schema's views, tables and sequences one by one, rather than the schema itself, so that the schema's
     * owner and grants survive. Objects that belong to an extension are left alone.
     */
    @Override
    public List<String> dropAllObjects(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("Invalid schema name '" + schema
                    + "': use only letters, digits and underscores, starting with a letter or underscore");
        }
        String drop = "FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = '" + schema + "' AND c.relkind IN (%s) AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                + "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') LOOP "
                + "EXECUTE format('DROP %s IF EXISTS %%I.%%I CASCADE', '" + schema + "', r.relname); END LOOP; ";
        return List.of("DO $saferoll$ DECLARE r record; BEGIN "
                + String.format(drop, "'m'", "MATERIALIZED VIEW")
                + String.format(drop, "'v'", "VIEW")
                + String.format(drop, "'r', 'p', 'f'", "TABLE")
                + String.format(drop, "'S'", "SEQUENCE")
                + "END $saferoll$");
    }

    private static long millis(String what, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The " + what + " must not be negative but was " + duration);
        }
        return duration.toMillis();
    }

    private static String q(TableName table) {
        return table.quoted(DIALECT);
    }

    private static String q(ColumnName column) {
        return column.quoted(DIALECT);
    }

    private static String columnList(List<ColumnName> columns) {
        return columns.stream().map(PostgresGrammar::q).collect(Collectors.joining(", "));
    }

    private String type(ColumnType type) {
        return type.accept(this.typeCompiler);
    }

    private String columnDefinition(Column column) {
        StringBuilder sql = new StringBuilder(q(column.name())).append(' ').append(type(column.type()));
        if (column.identity()) {
            sql.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(defaultValue(column.defaultValue()));
        }
        return sql.toString();
    }

    static String defaultValue(DefaultValue value) {
        if (value instanceof DefaultValue.Literal literal) {
            return literal(literal.value());
        }
        return "CURRENT_TIMESTAMP";
    }

    /** An SQL literal; strings with a backslash use the E'' form so that they read the same under any setting. */
    static String literal(Object value) {
        if (value instanceof String text) {
            String quoted = text.replace("'", "''");
            return text.contains("\\") ? "E'" + quoted.replace("\\", "\\\\") + "'" : "'" + quoted + "'";
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

    private String primaryKey(PrimaryKey primaryKey) {
        return "CONSTRAINT " + primaryKey.name().quoted(DIALECT) + " PRIMARY KEY (" + columnList(primaryKey.columns())
                + ")";
    }

    private String foreignKey(ForeignKey foreignKey) {
        StringBuilder sql = new StringBuilder("CONSTRAINT ").append(foreignKey.name().quoted(DIALECT))
            .append(" FOREIGN KEY (").append(columnList(foreignKey.columns())).append(") REFERENCES ")
            .append(q(foreignKey.referencedTable())).append(" (").append(columnList(foreignKey.referencedColumns()))
            .append(')');
        if (foreignKey.onDelete() != null) {
            sql.append(" ON DELETE ").append(foreignKey.onDelete().sql());
        }
        if (foreignKey.onUpdate() != null) {
            sql.append(" ON UPDATE ").append(foreignKey.onUpdate().sql());
        }
        return sql.toString();
    }

    private String check(Check check) {
        return "CONSTRAINT " + check.name().quoted(DIALECT) + " CHECK (" + check.expression() + ")";
    }

    private static String notValid(boolean notValid) {
        return notValid ? " NOT VALID" : "";
    }

    private final class CommandCompiler implements SchemaCommand.Visitor<List<String>> {

        @Override
        public List<String> visitCreateTable(CreateTable command) {
            List<String> definitions = new ArrayList<>();
            command.columns().forEach((column) -> definitions.add(columnDefinition(column)));
            if (command.primaryKey() != null) {
                definitions.add(primaryKey(command.primaryKey()));
            }
            List<String> constraintsAfter = new ArrayList<>();
            for (ForeignKey foreignKey : command.foreignKeys()) {
                if (foreignKey.notValid()) {
                    constraintsAfter.addAll(visitAddForeignKey(new AddForeignKey(command.table(), foreignKey)));
                }
                else {
                    definitions.add(foreignKey(foreignKey));
                }
            }
            for (Check check : command.checks()) {
                if (check.notValid()) {
                    constraintsAfter.addAll(visitAddCheck(new AddCheck(command.table(), check)));
                }
                else {
                    definitions.add(check(check));
                }
            }
            List<String> statements = new ArrayList<>();
            statements.add("CREATE TABLE " + q(command.table()) + " (" + String.join(", ", definitions) + ")");
            statements.addAll(constraintsAfter);
            command.indexes().forEach((index) -> statements.addAll(visitCreateIndex(index)));
            return List.copyOf(statements);
        }

        @Override
        public List<String> visitDropTable(DropTable command) {
            return List.of("DROP TABLE " + (command.ifExists() ? "IF EXISTS " : "") + q(command.table()));
        }

        @Override
        public List<String> visitRenameTable(RenameTable command) {
            return List.of("ALTER TABLE " + q(command.table()) + " RENAME TO "
                    + DIALECT.quoteIdentifier(command.to().name()));
        }

        @Override
        public List<String> visitAddColumn(AddColumn command) {
            return List.of("ALTER TABLE " + q(command.table()) + " ADD COLUMN " + columnDefinition(command.column()));
        }

        // PostgreSQL runs ALTER TABLE subcommands in phases: DROP DEFAULT before the type change, SET DEFAULT after,
        // so an old default that cannot be cast does not block the change.
        @Override
        public List<String> visitChangeColumn(ChangeColumn command) {
            Column column = command.column();
            String name = q(column.name());
            String type = type(column.type());
            List<String> actions = new ArrayList<>();
            actions.add("ALTER COLUMN " + name + " DROP DEFAULT");
            actions.add("ALTER COLUMN " + name + " TYPE " + type + " USING " + name + "::" + type);
            actions.add("ALTER COLUMN " + name + (column.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
            if (column.defaultValue() != null) {
                actions.add("ALTER COLUMN " + name + " SET DEFAULT " + defaultValue(column.defaultValue()));
            }
            return List.of("ALTER TABLE " + q(command.table()) + " " + String.join(", ", actions));
        }

        @Override
        public List<String> visitDropColumn(DropColumn command) {
            return List.of("ALTER TABLE " + q(command.table()) + " " + command.columns().stream()
                .map((column) -> "DROP COLUMN " + q(column)).collect(Collectors.joining(", ")));
        }

        @Override
        public List<String> visitRenameColumn(RenameColumn command) {
            return List.of("ALTER TABLE " + q(command.table()) + " RENAME COLUMN " + q(command.from()) + " TO "
                    + q(command.to()));
        }

        @Override
        public List<String> visitCreateIndex(CreateIndex command) {
            return List.of("CREATE " + (command.unique() ? "UNIQUE " : "") + "INDEX "
                    + (command.concurrently() ? "CONCURRENTLY " : "") + command.name().quoted(DIALECT) + " ON "
                    + q(command.table()) + " (" + columnList(command.columns()) + ")"
                    + ((command.where() != null) ? " WHERE " + command.where() : ""));
        }

        // An index lives in its table's schema, so a schema-qualified table qualifies the index too.
        @Override
        public List<String> visitDropIndex(DropIndex command) {
            String schema = command.table().schema();
            return List.of("DROP INDEX " + (command.concurrently() ? "CONCURRENTLY " : "")
                    + ((schema != null) ? DIALECT.quoteIdentifier(schema) + "." : "")
                    + command.name().quoted(DIALECT));
        }

        @Override
        public List<String> visitAddForeignKey(AddForeignKey command) {
            return List.of("ALTER TABLE " + q(command.table()) + " ADD " + foreignKey(command.foreignKey())
                    + notValid(command.foreignKey().notValid()));
        }

        @Override
        public List<String> visitDropForeignKey(DropForeignKey command) {
            return List.of("ALTER TABLE " + q(command.table()) + " DROP CONSTRAINT " + command.name().quoted(DIALECT));
        }

        @Override
        public List<String> visitAddCheck(AddCheck command) {
            return List.of("ALTER TABLE " + q(command.table()) + " ADD " + check(command.check())
                    + notValid(command.check().notValid()));
        }

        @Override
        public List<String> visitAddPrimaryKey(AddPrimaryKey command) {
            return List.of("ALTER TABLE " + q(command.table()) + " ADD " + primaryKey(command.primaryKey()));
        }

        @Override
        public List<String> visitDropConstraint(DropConstraint command) {
            return List.of("ALTER TABLE " + q(command.table()) + " DROP CONSTRAINT " + command.name().quoted(DIALECT));
        }

        @Override
        public List<String> visitValidateConstraint(ValidateConstraint command) {
            return List.of("ALTER TABLE " + q(command.table()) + " VALIDATE CONSTRAINT "
                    + command.name().quoted(DIALECT));
        }
    }

    private static final class TypeCompiler implements ColumnType.Visitor<String> {

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
            return "integer";
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
            return "numeric(" + type.precision() + ", " + type.scale() + ")";
        }

        @Override
        public String visitUuid(ColumnType.UuidType type) {
            return "uuid";
        }

        @Override
        public String visitJson(ColumnType.JsonType type) {
            return "json";
        }

        @Override
        public String visitJsonb(ColumnType.JsonbType type) {
            return "jsonb";
        }

        @Override
        public String visitTimestamp(ColumnType.TimestampType type) {
            return "timestamp with time zone";
        }

        @Override
        public String visitDate(ColumnType.DateType type) {
            return "date";
        }
    }
}
