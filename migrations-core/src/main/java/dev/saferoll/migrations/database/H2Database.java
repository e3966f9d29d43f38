package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Dialect;

/**
 * H2 2.x's runtime queries, for development and test profiles. H2 cannot tell the size of a database, so sizes are
 * absent rather than made up. Its settings have no transaction scope: {@link #configureTransaction} sets them for the
 * session, and {@link #resetSession} restores what the session had. Names in the catalog are upper case, as H2
 * folds them; snapshots show them in lower case, as migrations write them.
 */
final class H2Database implements Database {

    static final H2Database INSTANCE = new H2Database();

    private static final Dialect DIALECT = Dialect.H2;

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private static final String NOT_LOCK_TABLE = "TABLE_NAME <> '" + H2RowLock.TABLE + "'";

    private static final InformationSchemaCatalog CATALOG = new InformationSchemaCatalog("CURRENT_SCHEMA",
            "c.DATA_TYPE || COALESCE('(' || c.CHARACTER_MAXIMUM_LENGTH || ')', '')", NOT_LOCK_TABLE);

    private static final SchemaSnapshotQueries SNAPSHOT_QUERIES = new SchemaSnapshotQueries(
            "SELECT LOWER(name), kind FROM (SELECT TABLE_SCHEMA AS s, TABLE_NAME AS name, "
                    + "CASE WHEN TABLE_TYPE = 'VIEW' THEN 'view' ELSE 'table' END AS kind "
                    + "FROM INFORMATION_SCHEMA.TABLES WHERE " + NOT_LOCK_TABLE + " UNION ALL "
                    + "SELECT SEQUENCE_SCHEMA, SEQUENCE_NAME, 'sequence' FROM INFORMATION_SCHEMA.SEQUENCES) r "
                    + "WHERE s = ? ORDER BY 1",
            "SELECT LOWER(c.TABLE_NAME), LOWER(c.COLUMN_NAME), CASE "
                    + "WHEN c.DATA_TYPE = 'NUMERIC' THEN 'NUMERIC(' || c.NUMERIC_PRECISION || ', ' "
                    + "|| c.NUMERIC_SCALE || ')' "
                    + "WHEN c.CHARACTER_MAXIMUM_LENGTH IS NOT NULL AND c.DATA_TYPE <> 'JSON' "
                    + "THEN c.DATA_TYPE || '(' || c.CHARACTER_MAXIMUM_LENGTH || ')' ELSE c.DATA_TYPE END, "
                    + "CASE WHEN c.IS_NULLABLE = 'NO' THEN 'true' ELSE 'false' END, "
                    + "CASE WHEN c.IS_GENERATED = 'NEVER' THEN c.COLUMN_DEFAULT END, "
                    + "CASE WHEN c.IS_IDENTITY = 'YES' THEN 'GENERATED ' || c.IDENTITY_GENERATION || ' AS IDENTITY' "
                    + "WHEN c.IS_GENERATED = 'ALWAYS' THEN 'GENERATED ALWAYS AS (' || c.GENERATION_EXPRESSION "
                    + "|| ')' END "
                    + "FROM INFORMATION_SCHEMA.COLUMNS c JOIN INFORMATION_SCHEMA.TABLES t "
                    + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                    + "WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE' AND t." + NOT_LOCK_TABLE
                    + " ORDER BY 1, 2",
            "SELECT LOWER(i.TABLE_NAME), LOWER(i.INDEX_NAME), i.INDEX_TYPE_NAME || ' (' || (SELECT LISTAGG("
                    + "LOWER(ic.COLUMN_NAME), ', ') WITHIN GROUP (ORDER BY ic.ORDINAL_POSITION) "
                    + "FROM INFORMATION_SCHEMA.INDEX_COLUMNS ic WHERE ic.INDEX_SCHEMA = i.INDEX_SCHEMA "
                    + "AND ic.INDEX_NAME = i.INDEX_NAME) || ')' FROM INFORMATION_SCHEMA.INDEXES i "
                    + "WHERE i.INDEX_SCHEMA = ? AND i." + NOT_LOCK_TABLE + " AND NOT EXISTS (SELECT 1 "
                    + "FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc WHERE tc.INDEX_SCHEMA = i.INDEX_SCHEMA "
                    + "AND tc.INDEX_NAME = i.INDEX_NAME) ORDER BY 1, 2",
            "SELECT LOWER(tc.TABLE_NAME), LOWER(tc.CONSTRAINT_NAME), tc.CONSTRAINT_TYPE, "
                    + "CASE WHEN tc.CONSTRAINT_TYPE = 'CHECK' THEN 'CHECK (' || (SELECT cc.CHECK_CLAUSE "
                    + "FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc WHERE cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                    + "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME) || ')' ELSE tc.CONSTRAINT_TYPE || ' (' || "
                    + "(SELECT LISTAGG(LOWER(k.COLUMN_NAME), ', ') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION) "
                    + "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k WHERE k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                    + "AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME) || ')' || COALESCE((SELECT ' REFERENCES ' "
                    + "|| LOWER(u.TABLE_NAME) || ' ON DELETE ' || rc.DELETE_RULE || ' ON UPDATE ' || rc.UPDATE_RULE "
                    + "FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc "
                    + "JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS u ON u.CONSTRAINT_SCHEMA = "
                    + "rc.UNIQUE_CONSTRAINT_SCHEMA AND u.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME "
                    + "WHERE rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME), "
                    + "'') END FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc WHERE tc.CONSTRAINT_SCHEMA = ? "
                    + "AND tc." + NOT_LOCK_TABLE + " ORDER BY 1, 2");

    // An estimate for a quoted, unqualified table name.
    private static final PortableBackfillStatements BACKFILL = new PortableBackfillStatements(DIALECT,
            "SELECT COALESCE((SELECT ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND '\"' || TABLE_NAME || '\"' = ?), -1)");

    private H2Database() {
    }

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        String schema = Jdbc.queryForString(connection, "SELECT CURRENT_SCHEMA");
        if (schema == null) {
            throw new SQLException("The session has no current schema; qualify migrations.table with a schema");
        }
        return schema;
    }

    @Override
    public String useSchema(Connection connection, String schema) throws SQLException {
        String previous = currentSchema(connection);
        String stored = DIALECT.storedName(schema);
        // H2 cannot switch to a schema that does not exist: a reading session then keeps the current one.
        if (Jdbc.queryForString(connection, "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA "
                + "WHERE SCHEMA_NAME = ?", stored) != null) {
            Jdbc.execute(connection, List.of("SET SCHEMA " + DIALECT.quoteIdentifier(stored)));
        }
        return previous;
    }

    @Override
    public void restoreSchema(Connection connection, String previous) throws SQLException {
        Jdbc.execute(connection, List.of("SET SCHEMA " + DIALECT.quoteIdentifier(previous)));
    }

    @Override
    public void createSchema(Connection connection, String schema) throws SQLException {
        Jdbc.execute(connection, List.of("CREATE SCHEMA IF NOT EXISTS "
                + DIALECT.quoteIdentifier(DIALECT.storedName(schema))));
    }

    @Override
    public Optional<CatalogColumn> column(Connection connection, @Nullable String schema, String table, String column)
            throws SQLException {
        return CATALOG.column(connection, schema, table, column);
    }

    @Override
    public List<String> primaryKey(Connection connection, @Nullable String schema, String table) throws SQLException {
        return CATALOG.primaryKey(connection, schema, table);
    }

    @Override
    public List<String> tables(Connection connection, String schema) throws SQLException {
        return CATALOG.tables(connection, schema);
    }

    @Override
    public String currentUser(Connection connection) throws SQLException {
        String user = Jdbc.queryForString(connection, "SELECT CURRENT_USER || '@' || COALESCE((SELECT CLIENT_ADDR "
                + "FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()), 'local')");
        return (user != null) ? user : "unknown";
    }

    // Table not found: plain (42102), with candidates of another case (42103), or in an empty database (42104).
    @Override
    public boolean isUndefinedTable(SQLException ex) {
        int code = ex.getErrorCode();
        return code == 42102 || code == 42103 || code == 42104;
    }

    @Override
    public boolean isDuplicateTable(SQLException ex) {
        return "42S01".equals(ex.getSQLState());
    }

    @Override
    public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        return Jdbc.queryForString(connection, "SELECT 'yes' FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'", DIALECT.storedName(schema),
                DIALECT.storedName(table)) != null;
    }

    // The session's values before the first change are kept in session variables, for resetSession to restore.
    @Override
    public void configureSession(Connection connection, @Nullable Duration lockTimeout,
            @Nullable Duration statementTimeout) throws SQLException {
        List<String> statements = new ArrayList<>();
        if (lockTimeout != null) {
            long millis = millis("lock timeout", lockTimeout);
            statements.add("SET @SAFEROLL_SESSION_LOCK_TIMEOUT = COALESCE(@SAFEROLL_SESSION_LOCK_TIMEOUT, "
                    + "LOCK_TIMEOUT())");
            statements.add("SET LOCK_TIMEOUT " + ((millis == 0) ? Integer.MAX_VALUE : millis));
        }
        if (statementTimeout != null) {
            long millis = millis("statement timeout", statementTimeout);
            statements.add("SET @SAFEROLL_SESSION_QUERY_TIMEOUT = COALESCE(@SAFEROLL_SESSION_QUERY_TIMEOUT, "
                    + "(SELECT CAST(SETTING_VALUE AS INTEGER) FROM INFORMATION_SCHEMA.SETTINGS "
                    + "WHERE SETTING_NAME = 'QUERY_TIMEOUT'))");
            statements.add("SET QUERY_TIMEOUT " + millis);
        }
        Jdbc.execute(connection, statements);
    }

    @Override
    public void resetSession(Connection connection) throws SQLException {
        String lockTimeout = Jdbc.queryForString(connection, "SELECT @SAFEROLL_SESSION_LOCK_TIMEOUT");
        String queryTimeout = Jdbc.queryForString(connection, "SELECT @SAFEROLL_SESSION_QUERY_TIMEOUT");
        List<String> statements = new ArrayList<>();
        if (lockTimeout != null) {
            statements.add("SET LOCK_TIMEOUT " + Long.parseLong(lockTimeout));
            statements.add("SET @SAFEROLL_SESSION_LOCK_TIMEOUT = NULL");
        }
        if (queryTimeout != null) {
            statements.add("SET QUERY_TIMEOUT " + Long.parseLong(queryTimeout));
            statements.add("SET @SAFEROLL_SESSION_QUERY_TIMEOUT = NULL");
        }
        Jdbc.execute(connection, statements);
    }

    @Override
    public void configureTransaction(Connection connection, @Nullable Duration lockTimeout,
            @Nullable Duration statementTimeout) throws SQLException {
        configureSession(connection, lockTimeout, statementTimeout);
    }

    private static long millis(String what, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The " + what + " must not be negative but was " + duration);
        }
        return Math.min(duration.toMillis(), Integer.MAX_VALUE);
    }

    @Override
    public OptionalLong databaseSize(Connection connection) {
        return OptionalLong.empty();
    }

    @Override
    public OptionalLong schemaSize(Connection connection, String schema) {
        return OptionalLong.empty();
    }

    @Override
    public OptionalLong relationMark(Connection connection) {
        return OptionalLong.empty();
    }

    @Override
    public RelationGrowth relationGrowth(Connection connection, long mark, @Nullable String schema)
            throws SQLException {
        throw new SQLFeatureNotSupportedException("H2 has no relation mark to measure growth from");
    }

    @Override
    public MigrationLock lock(DataSource dataSource, String schema, String table) {
        return new H2RowLock(dataSource, DIALECT.storedName(schema), schema + "." + table);
    }

    /** Drops views, tables, sequences, domains, constants and aliases one by one; the lock table stays. */
    @Override
    public void dropAllObjects(Connection connection, String schema) throws SQLException {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("Invalid schema name '" + schema
                    + "': use only letters, digits and underscores, starting with a letter or underscore");
        }
        String stored = DIALECT.storedName(schema);
        List<String> drops = new ArrayList<>();
        drops.addAll(drops(connection, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_TYPE = 'VIEW'", stored, "DROP VIEW IF EXISTS %s CASCADE"));
        drops.addAll(drops(connection, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_TYPE = 'BASE TABLE' AND " + NOT_LOCK_TABLE, stored, "DROP TABLE IF EXISTS %s CASCADE"));
        drops.addAll(drops(connection, "SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES "
                + "WHERE SEQUENCE_SCHEMA = ?", stored, "DROP SEQUENCE IF EXISTS %s"));
        drops.addAll(drops(connection, "SELECT DOMAIN_NAME FROM INFORMATION_SCHEMA.DOMAINS WHERE DOMAIN_SCHEMA = ?",
                stored, "DROP DOMAIN IF EXISTS %s CASCADE"));
        drops.addAll(drops(connection, "SELECT CONSTANT_NAME FROM INFORMATION_SCHEMA.CONSTANTS "
                + "WHERE CONSTANT_SCHEMA = ?", stored, "DROP CONSTANT IF EXISTS %s"));
        drops.addAll(drops(connection, "SELECT DISTINCT ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = ?", stored, "DROP ALIAS IF EXISTS %s"));
        Jdbc.execute(connection, drops);
    }

    private static List<String> drops(Connection connection, String query, String schema, String drop)
            throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    statements.add(String.format(drop, quote(schema) + "." + quote(rows.getString(1))));
                }
            }
        }
        return statements;
    }

    // Catalog names are stored names already: quoted as they are, not upper-cased again.
    private static String quote(String storedName) {
        return "\"" + storedName.replace("\"", "\"\"") + "\"";
    }

    @Override
    public SchemaSnapshotQueries snapshotQueries() {
        return SNAPSHOT_QUERIES;
    }

    @Override
    public BackfillStatements backfill() {
        return BACKFILL;
    }
}
