package dev.saferoll.migrations.database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;

/**
 * The shape of one schema, read from the catalog through {@link Database#snapshotQueries()}: its tables (and views
 * and free-standing sequences), columns (type, nullability, default, identity), indexes and constraints. The history
 * table is left out. Two snapshots are equal when the shapes are; column order is ignored, since a column dropped and
 * added again moves to the end. The round-trip checker compares snapshots around a rollback; drift detection
 * compares the live schema with the one recorded after the last run ({@link #lines()} and
 * {@link #parse(String, String)} store it).
 * @param schema the schema it describes
 * @param relations tables, views and sequences, by name
 * @param columns columns of tables, by table and name
 * @param indexes indexes, by table and name
 * @param constraints primary key, unique, foreign key, check and exclusion constraints, by table and name
 */
public record CatalogSnapshot(String schema, List<Relation> relations, List<Column> columns, List<Index> indexes,
        List<Constraint> constraints) {

    public CatalogSnapshot {
        Objects.requireNonNull(schema, "schema");
        relations = sorted(relations, Relation::key);
        columns = sorted(columns, Column::key);
        indexes = sorted(indexes, Index::key);
        constraints = sorted(constraints, Constraint::key);
    }

    /**
     * One schema without some tables.
     * @param schema the schema, or {@code null} for the connection's current schema
     * @param excludedTables tables to leave out, with their columns, indexes and constraints
     */
    public static CatalogSnapshot capture(DataSource dataSource, @Nullable String schema,
            Collection<String> excludedTables) {
        try (Connection connection = dataSource.getConnection()) {
            return capture(connection, schema, excludedTables);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not read the schema from the catalog: " + ex.getMessage(), ex);
        }
    }

    /** Like {@link #capture(DataSource, String, Collection)}, on a connection the caller owns. */
    public static CatalogSnapshot capture(Connection connection, @Nullable String schema,
            Collection<String> excludedTables) throws SQLException {
        Database database = Database.of(Dialect.of(connection));
        String name = (schema != null) ? schema : database.currentSchema(connection);
        SchemaSnapshotQueries queries = database.snapshotQueries();
        Set<String> excluded = Set.copyOf(excludedTables);
        List<Relation> relations = new ArrayList<>();
        for (List<@Nullable String> row : query(connection, queries.relations(), name)) {
            if (!excluded.contains(row.get(0))) {
                relations.add(new Relation(text(row, 0), text(row, 1)));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (List<@Nullable String> row : query(connection, queries.columns(), name)) {
            if (!excluded.contains(row.get(0))) {
                columns.add(new Column(text(row, 0), text(row, 1), text(row, 2), "true".equals(row.get(3)),
                        row.get(4), row.get(5)));
            }
        }
        List<Index> indexes = new ArrayList<>();
        for (List<@Nullable String> row : query(connection, queries.indexes(), name)) {
            if (!excluded.contains(row.get(0))) {
                indexes.add(new Index(text(row, 0), text(row, 1), text(row, 2)));
            }
        }
        List<Constraint> constraints = new ArrayList<>();
        for (List<@Nullable String> row : query(connection, queries.constraints(), name)) {
            if (!excluded.contains(row.get(0))) {
                constraints.add(new Constraint(text(row, 0), text(row, 1), text(row, 2), text(row, 3)));
            }
        }
        return new CatalogSnapshot(name, relations, columns, indexes, constraints);
    }

    /** Whether the schema holds no table, view or sequence (apart from those left out). */
    public boolean isEmpty() {
        return this.relations.isEmpty();
    }

    /** A fingerprint of the shape: the SHA-256 of {@link #lines()}, in hex. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(String.join("\n", lines()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    /** The snapshot as lines of tab-separated fields, one per object, which {@link #parse} reads back. */
    public List<String> lines() {
        return SnapshotText.lines(this);
    }

    /**
     * Reads a snapshot that {@link #lines()} wrote.
     * @throws IllegalArgumentException for a line it does not know
     */
    public static CatalogSnapshot parse(String schema, String text) {
        return SnapshotText.parse(schema, text);
    }

    /**
     * How {@code other} differs from this snapshot, one readable line per difference: {@code +} for what only
     * {@code other} has, {@code -} for what only this has, {@code ~} for what changed. The columns, indexes and
     * constraints of a table that only one side has are not listed again. Empty when both are equal.
     */
    public List<String> diff(CatalogSnapshot other) {
        return SnapshotDiff.diff(this, other);
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        this.relations.forEach((relation) -> lines.add(relation.describe()));
        this.columns.forEach((column) -> lines.add(column.describe()));
        this.indexes.forEach((index) -> lines.add(index.describe()));
        this.constraints.forEach((constraint) -> lines.add(constraint.describe()));
        return "schema " + this.schema + (lines.isEmpty() ? " (empty)" : ":\n  " + String.join("\n  ", lines));
    }

    private static String text(List<@Nullable String> row, int index) {
        return SnapshotText.text(row, index);
    }

    private static <T> List<T> sorted(List<T> items, Function<T, String> key) {
        return items.stream().sorted(Comparator.comparing(key)).toList();
    }

    private static List<List<@Nullable String>> query(Connection connection, String sql, String schema)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                int count = rows.getMetaData().getColumnCount();
                List<List<@Nullable String>> result = new ArrayList<>();
                while (rows.next()) {
                    List<@Nullable String> row = new ArrayList<>(count);
                    for (int i = 1; i <= count; i++) {
                        row.add(rows.getString(i));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    /**
     * A table, view or sequence.
     * @param name its name
     * @param kind {@code table}, {@code view}, {@code materialized view} or {@code sequence}
     */
    public record Relation(String name, String kind) {

        String key() {
            return this.name;
        }

        String describe() {
            return this.kind + " " + this.name;
        }

        String change(Relation after) {
            return this.name + ": " + this.kind + " → " + after.kind;
        }
    }

    /**
     * A column of a table.
     * @param table its table
     * @param name its name
     * @param type its type as the database writes it, such as {@code character varying(255)}
     * @param notNull whether it is NOT NULL
     * @param defaultValue its default expression, if any
     * @param generated its identity or generated clause, if any
     */
    public record Column(String table, String name, String type, boolean notNull, @Nullable String defaultValue,
            @Nullable String generated) {

        String key() {
            return this.table + "." + this.name;
        }

        String describe() {
            return "column " + key() + " " + this.type + (this.notNull ? " NOT NULL" : "")
                    + ((this.defaultValue != null) ? " DEFAULT " + this.defaultValue : "")
                    + ((this.generated != null) ? " " + this.generated : "");
        }

        String change(Column after) {
            List<String> changes = new ArrayList<>();
            if (!this.type.equals(after.type)) {
                changes.add("type " + this.type + " → " + after.type);
            }
            if (this.notNull != after.notNull) {
                changes.add(nullability(this.notNull) + " → " + nullability(after.notNull));
            }
            if (!Objects.equals(this.defaultValue, after.defaultValue)) {
                changes.add("default " + orNone(this.defaultValue) + " → " + orNone(after.defaultValue));
            }
            if (!Objects.equals(this.generated, after.generated)) {
                changes.add(orNone(this.generated) + " → " + orNone(after.generated));
            }
            return "column " + key() + ": " + String.join(", ", changes);
        }

        private static String nullability(boolean notNull) {
            return notNull ? "NOT NULL" : "nullable";
        }

        private static String orNone(@Nullable String value) {
            return (value != null) ? value : "none";
        }
    }

    /**
     * An index.
     * @param table the table it indexes
     * @param name its name
     * @param definition its {@code CREATE INDEX} statement as the database writes it
     */
    public record Index(String table, String name, String definition) {

        String key() {
            return this.table + "." + this.name;
        }

        String describe() {
            return "index " + this.name + ": " + this.definition;
        }

        String change(Index after) {
            return "index " + this.name + ": " + this.definition + " → " + after.definition;
        }
    }

    /**
     * A constraint other than NOT NULL (which belongs to its column).
     * @param table its table
     * @param name its name
     * @param type {@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY}, {@code CHECK} or {@code EXCLUDE}
     * @param definition its definition as the database writes it
     */
    public record Constraint(String table, String name, String type, String definition) {

        String key() {
            return this.table + "." + this.name;
        }

        String describe() {
            return "constraint " + key() + " " + this.definition;
        }

        String change(Constraint after) {
            return "constraint " + key() + ": " + this.definition + " → " + after.definition;
        }
    }
}
