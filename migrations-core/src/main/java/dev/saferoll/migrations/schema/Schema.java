package dev.saferoll.migrations.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationConnection;

/**
 * The schema builder, after Laravel's: record changes with {@link #create}, {@link #table}, {@link #drop} and
 * friends, then {@link #execute()} them on the connection, or look at the SQL with {@link #toSql()}.
 * <pre>{@code
 * Schema schema = new Schema(connection);
 * schema.create("user_profiles", (table) -> {
 *     table.string("ulid", 26).primary();
 *     table.string("bio").nullable();
 *     table.timestamps();
 * });
 * schema.execute();
 * }</pre>
 * Not thread-safe; one instance per migration.
 */
public final class Schema {

    private final @Nullable MigrationConnection connection;

    private final Grammar grammar;

    private final List<SchemaCommand> commands = new ArrayList<>();

    /** A schema builder that executes on the connection. */
    public Schema(MigrationConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.grammar = Grammar.of(connection.dialect());
    }

    /** A schema builder that only compiles SQL ({@link #toSql()}); it cannot {@link #execute()}. */
    public Schema(Dialect dialect) {
        this.connection = null;
        this.grammar = Grammar.of(Objects.requireNonNull(dialect, "dialect"));
    }

    /** Creates a table. */
    public Schema create(TableName table, Consumer<Blueprint> definition) {
        return record(new Blueprint(table, true), definition);
    }

    public Schema create(String table, Consumer<Blueprint> definition) {
        return create(TableName.fromString(table), definition);
    }

    /** Changes an existing table. */
    public Schema table(TableName table, Consumer<Blueprint> definition) {
        return record(new Blueprint(table, false), definition);
    }

    public Schema table(String table, Consumer<Blueprint> definition) {
        return table(TableName.fromString(table), definition);
    }

    /** Drops a table and its rows; fails if it does not exist. */
    public Schema drop(TableName table) {
        this.commands.add(new SchemaCommand.DropTable(table, false));
        return this;
    }

    public Schema drop(String table) {
        return drop(TableName.fromString(table));
    }

    /** Drops a table and its rows if it exists. */
    public Schema dropIfExists(TableName table) {
        this.commands.add(new SchemaCommand.DropTable(table, true));
        return this;
    }

    public Schema dropIfExists(String table) {
        return dropIfExists(TableName.fromString(table));
    }

    /**
     * Renames a table. The new name stays in the table's schema.
     * @throws IllegalArgumentException if {@code to} names another schema
     */
    public Schema rename(TableName from, TableName to) {
        if (to.schema() != null && !to.schema().equals(from.schema())) {
            throw new IllegalArgumentException("Cannot rename " + from + " to " + to
                    + ": a rename stays in the table's schema; give the new name without a schema");
        }
        this.commands.add(new SchemaCommand.RenameTable(from, to));
        return this;
    }

    public Schema rename(String from, String to) {
        return rename(TableName.fromString(from), TableName.fromString(to));
    }

    /** The commands recorded since the last {@link #execute()}. */
    public List<SchemaCommand> commands() {
        return List.copyOf(this.commands);
    }

    /** The SQL for the recorded commands, in order. Needs no database. */
    public List<String> toSql() {
        return this.grammar.compile(this.commands);
    }

    /**
     * Runs the recorded commands' SQL on the connection, in order, then forgets them so that this builder can be
     * used again. Each command is compiled once; the statements go through {@link MigrationConnection#execute}, where
     * a migration run checks them like any other SQL.
     * @throws IllegalStateException if this builder was made without a connection
     */
    public void execute() {
        if (this.connection == null) {
            throw new IllegalStateException("This Schema was built from a Dialect and has no connection to execute "
                    + "on; use new Schema(connection), or toSql() to see the statements");
        }
        for (String statement : toSql()) {
            this.connection.execute(statement);
        }
        this.commands.clear();
    }

    private Schema record(Blueprint blueprint, Consumer<Blueprint> definition) {
        definition.accept(blueprint);
        this.commands.addAll(blueprint.toCommands());
        return this;
    }
}
