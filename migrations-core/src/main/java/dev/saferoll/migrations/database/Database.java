package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.schema.Grammar;
import dev.saferoll.migrations.schema.TableName;

/**
 * What Saferoll asks a live database of one dialect: the session's schema and user, whether a table exists, sizes,
 * session settings, the migration lock, the catalog, and the statements of a batched backfill. The DDL of migrations
 * comes from the dialect's {@link Grammar} instead.
 * <p>
 * Not API: applications never call it. To add a dialect, implement this contract and the grammar, and make the
 * dialect pass {@code DatabaseConformanceTests} (the core's test-jar); a dialect counts as supported only then. Every
 * method works on the connection it is given, inside whatever transaction is open on it, and leaves the connection
 * open.
 */
public interface Database {

    /** The runtime contract of a dialect. */
    static Database of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> PostgresDatabase.INSTANCE;
            case H2 -> H2Database.INSTANCE;
            case MYSQL -> MySqlDatabase.MYSQL;
            case MARIADB -> MySqlDatabase.MARIADB;
        };
    }

    Dialect dialect();

    /** The dialect's DDL compiler. */
    default Grammar grammar() {
        return Grammar.of(dialect());
    }

    /** The schema that unqualified names resolve to on this connection. */
    String currentSchema(Connection connection) throws SQLException;

    /**
     * Makes unqualified names on this connection resolve to {@code schema}, and only to it, until
     * {@link #restoreSchema} is called. A schema that does not exist yet is left alone where the database cannot
     * switch to it; the history table is qualified anyway, and a migrating session creates the schema first.
     * @return what {@link #restoreSchema} needs to put the previous setting back
     */
    String useSchema(Connection connection, String schema) throws SQLException;

    /** Undoes {@link #useSchema}, so the connection can go back to its pool as it came. */
    void restoreSchema(Connection connection, String previous) throws SQLException;

    /** Creates the schema unless it exists; a user who may not create schemas can still use an existing one. */
    void createSchema(Connection connection, String schema) throws SQLException;

    /** Who is connected, as recorded in the history's {@code applied_by}: user and client address. */
    String currentUser(Connection connection) throws SQLException;

    /** Whether the error says that a table or view does not exist. */
    boolean isUndefinedTable(SQLException ex);

    /** Whether the error says that a table (or, on PostgreSQL, any relation) of that name already exists. */
    boolean isDuplicateTable(SQLException ex);

    /** Whether a table exists in the schema. */
    boolean tableExists(Connection connection, String schema, String table) throws SQLException;

    /** Whether a table exists: in its own schema, or, when it names none, in the current one. */
    default boolean tableExists(Connection connection, TableName table) throws SQLException {
        String schema = (table.schema() != null) ? table.schema() : currentSchema(connection);
        return tableExists(connection, schema, table.name());
    }

    /**
     * Sets the lock and statement timeouts for the rest of the session ({@code null} keeps the server's), and asks
     * the server to stop a statement whose client has gone. {@link #resetSession} undoes all of it.
     */
    void configureSession(Connection connection, @Nullable Duration lockTimeout, @Nullable Duration statementTimeout)
            throws SQLException;

    /** Undoes {@link #configureSession}, so the connection can go back to its pool as it came. */
    void resetSession(Connection connection) throws SQLException;

    /**
     * Sets the timeouts for the current transaction only; {@code null} keeps the session's. Where the database has
     * no settings scoped to a transaction (H2, MySQL), they hold for the session until {@link #resetSession}.
     */
    void configureTransaction(Connection connection, @Nullable Duration lockTimeout,
            @Nullable Duration statementTimeout) throws SQLException;

    /**
     * The size of the current database in bytes; empty where the database cannot tell (H2). On MySQL it is the
     * storage engine's own figure for the schema's tables and indexes, which InnoDB keeps approximately.
     */
    OptionalLong databaseSize(Connection connection) throws SQLException;

    /**
     * The size in bytes of one schema's tables, indexes and sequences (on PostgreSQL with their TOAST data); empty
     * where the database cannot tell (H2). A tenant's run records this rather than the database's size, which counts
     * every other tenant too and, on PostgreSQL, reads every file of the database.
     */
    OptionalLong schemaSize(Connection connection, String schema) throws SQLException;

    /**
     * A mark above which every relation created or rewritten later can be found, so that a migration's growth is
     * measured without walking every file of the database; empty where the dialect has no such mark.
     */
    OptionalLong relationMark(Connection connection) throws SQLException;

    /**
     * The bytes of every relation created or rewritten since {@code mark}, and the next mark.
     * @param schema only relations of this schema (leaving out their TOAST data), or {@code null} for all of them
     */
    RelationGrowth relationGrowth(Connection connection, long mark, @Nullable String schema) throws SQLException;

    /**
     * The lock that lets one runner at a time migrate the history table {@code schema.table}. Runners of different
     * history tables never wait on each other.
     * @param dataSource where the lock opens its own connection
     */
    MigrationLock lock(DataSource dataSource, String schema, String table);

    /** Drops every object in the schema (tables, views, sequences, types, functions), keeping the schema itself. */
    void dropAllObjects(Connection connection, String schema) throws SQLException;

    /** The catalog queries that describe one schema, for comparing its shape. */
    SchemaSnapshotQueries snapshotQueries();

    /** The statements of a batched backfill. */
    BackfillStatements backfill();

    // The catalog, for the checks that judge a statement before it runs.

    /**
     * A column as the catalog describes it, or empty when the table or column does not exist.
     * @param schema the table's schema, or {@code null} to resolve the table as an unqualified name would be
     * @param table the table's name as stored (already folded or unquoted)
     * @param column the column's name as stored
     */
    Optional<CatalogColumn> column(Connection connection, @Nullable String schema, String table, String column)
            throws SQLException;

    /** The columns of a table's primary key in key order; empty when it has none or the table does not exist. */
    List<String> primaryKey(Connection connection, @Nullable String schema, String table) throws SQLException;

    /** The names of the tables (partitioned ones included) in a schema; empty when the schema does not exist. */
    List<String> tables(Connection connection, String schema) throws SQLException;

    // Measurements of a statement's effect. A dialect that cannot measure keeps these defaults: "not measured".

    /**
     * The strongest lock this session holds now on each table or materialized view that existed at {@code mark} (see
     * {@link #relationMark}), or empty when the dialect cannot tell. System catalogs are left out.
     */
    default Optional<List<HeldLock>> heldLocks(Connection connection, long mark) throws SQLException {
        return Optional.empty();
    }

    /** A table's estimated rows and its size with indexes and TOAST, as this session sees it now. */
    default TableStatistics tableStatistics(Connection connection, long relation) throws SQLException {
        return new TableStatistics(OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * The files that hold a table's rows (the table, its TOAST table and every index of both) with their sizes, or
     * none when the table does not exist or the dialect cannot tell. Read before a statement that may rewrite the
     * table, so that its old files can be counted off once they are freed.
     */
    default List<RelationFile> tableFiles(Connection connection, @Nullable String schema, String table)
            throws SQLException {
        return List.of();
    }

    /** Which of {@code relations} have been rewritten (given new files) since {@code mark}. */
    default Set<Long> rewrittenSince(Connection connection, Collection<Long> relations, long mark)
            throws SQLException {
        return Set.of();
    }

    /**
     * Growth since a {@link #relationMark mark}.
     * @param bytes the size of every relation created or rewritten since the mark
     * @param nextMark the mark to measure the next growth from
     * @param rewritten whether a relation that existed before the mark was rewritten (its old files are not counted
     * off, so the caller should measure exactly instead)
     */
    record RelationGrowth(long bytes, long nextMark, boolean rewritten) {
    }
}
