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
 * MySQL's and MariaDB's runtime queries. A schema is a database here. Lock timeouts are whole seconds, rounded up; they
 * have no transaction scope, so {@link #configureTransaction} sets them for the session until
 * {@link #resetSession}. The statement timeout is MariaDB's {@code max_statement_time} (every statement) or MySQL's
 * {@code max_execution_time} (which only limits {@code SELECT}). Sizes come from {@code information_schema.tables},
 * the storage engine's own figures, which InnoDB keeps approximately.
 */
final class MySqlDatabase implements Database {

    static final MySqlDatabase MYSQL = new MySqlDatabase(Dialect.MYSQL);

    static final MySqlDatabase MARIADB = new MySqlDatabase(Dialect.MARIADB);

    // lock_wait_timeout's and innodb_lock_wait_timeout's largest values: what "no timeout" comes to.
    private static final InformationSchemaCatalog CATALOG = new InformationSchemaCatalog("DATABASE()",
            "c.COLUMN_TYPE", "1 = 1");

    private static final long MAX_LOCK_WAIT_SECONDS = 31_536_000;

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private static final SchemaSnapshotQueries SNAPSHOT_QUERIES = new SchemaSnapshotQueries(
            "SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'view' WHEN 'SEQUENCE' THEN 'sequence' "
                    + "ELSE 'table' END FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name",
            "SELECT c.table_name, c.column_name, c.column_type, "
                    + "CASE WHEN c.is_nullable = 'NO' THEN 'true' ELSE 'false' END, "
                    + "CASE WHEN coalesce(c.generation_expression, '') = '' THEN c.column_default END, "
                    + "CASE WHEN c.extra LIKE '%auto_increment%' THEN 'AUTO_INCREMENT' "
                    + "WHEN coalesce(c.generation_expression, '') <> '' "
                    + "THEN concat('GENERATED ALWAYS AS (', c.generation_expression, ')') END "
                    + "FROM information_schema.columns c JOIN information_schema.tables t "
                    + "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                    + "WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.column_name",
            "SELECT s.table_name, s.index_name, concat(CASE WHEN s.non_unique = 0 THEN 'UNIQUE ' ELSE '' END, "
                    + "'INDEX (', group_concat(s.column_name ORDER BY s.seq_in_index SEPARATOR ', '), ')') "
                    + "FROM information_schema.statistics s WHERE s.table_schema = ? "
                    + "GROUP BY s.table_name, s.index_name, s.non_unique ORDER BY s.table_name, s.index_name",
            "SELECT tc.table_name, tc.constraint_name, tc.constraint_type, CASE WHEN tc.constraint_type = 'CHECK' "
                    + "THEN concat('CHECK (', (SELECT cc.check_clause FROM information_schema.check_constraints cc "
                    + "WHERE cc.constraint_schema = tc.constraint_schema AND cc.constraint_name = tc.constraint_name "
                    + "LIMIT 1), ')') ELSE concat(tc.constraint_type, ' (', (SELECT group_concat(k.column_name "
                    + "ORDER BY k.ordinal_position SEPARATOR ', ') FROM information_schema.key_column_usage k "
                    + "WHERE k.constraint_schema = tc.constraint_schema AND k.table_name = tc.table_name "
                    + "AND k.constraint_name = tc.constraint_name), ')', coalesce((SELECT concat(' REFERENCES ', "
                    + "rc.referenced_table_name, ' ON DELETE ', rc.delete_rule, ' ON UPDATE ', rc.update_rule) "
                    + "FROM information_schema.referential_constraints rc "
                    + "WHERE rc.constraint_schema = tc.constraint_schema AND rc.table_name = tc.table_name "
                    + "AND rc.constraint_name = tc.constraint_name), '')) END "
                    + "FROM information_schema.table_constraints tc WHERE tc.constraint_schema = ? "
                    + "ORDER BY tc.table_name, tc.constraint_name");

    private final Dialect dialect;

    private final PortableBackfillStatements backfill;

    private MySqlDatabase(Dialect dialect) {
        this.dialect = dialect;
        // An estimate for a quoted, unqualified table name.
        this.backfill = new PortableBackfillStatements(dialect, "SELECT coalesce((SELECT table_rows "
                + "FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "AND concat('`', table_name, '`') = ?), -1)");
    }

    @Override
    public Dialect dialect() {
        return this.dialect;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        String schema = Jdbc.queryForString(connection, "SELECT DATABASE()");
        if (schema == null) {
            throw new SQLException("The connection has no current database, so unqualified tables have nowhere to "
                    + "go; name one in the JDBC URL or qualify migrations.table with it");
        }
        return schema;
    }

    // A MySQL schema is a database: the connection's catalog.
    @Override
    public String useSchema(Connection connection, String schema) throws SQLException {
        String previous = connection.getCatalog();
        if (Jdbc.queryForString(connection, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
                + "WHERE SCHEMA_NAME = ?", schema) != null) {
            connection.setCatalog(schema);
        }
        return (previous != null) ? previous : "";
    }

    @Override
    public void restoreSchema(Connection connection, String previous) throws SQLException {
        if (!previous.isEmpty()) {
            connection.setCatalog(previous);
        }
    }

    @Override
    public void createSchema(Connection connection, String schema) throws SQLException {
        if (Jdbc.queryForString(connection, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
                + "WHERE SCHEMA_NAME = ?", schema) == null) {
            Jdbc.execute(connection, List.of("CREATE DATABASE IF NOT EXISTS " + this.dialect.quoteIdentifier(schema)));
        }
    }

    // USER() is the client's user@host, CURRENT_USER() only the account it matched.
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
        String user = Jdbc.queryForString(connection, "SELECT USER()");
        return (user != null) ? user : "unknown";
    }

    @Override
    public boolean isUndefinedTable(SQLException ex) {
        return "42S02".equals(ex.getSQLState());
    }

    @Override
    public boolean isDuplicateTable(SQLException ex) {
        return "42S01".equals(ex.getSQLState());
    }

    @Override
    public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        return Jdbc.queryForString(connection, "SELECT 'yes' FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_name = ? AND table_type = 'BASE TABLE'", schema, table) != null;
    }

    @Override
    public void configureSession(Connection connection, @Nullable Duration lockTimeout,
            @Nullable Duration statementTimeout) throws SQLException {
        List<String> settings = new ArrayList<>();
        if (lockTimeout != null) {
            long seconds = seconds("lock timeout", lockTimeout);
            long wait = (seconds == 0) ? MAX_LOCK_WAIT_SECONDS : seconds;
            settings.add("lock_wait_timeout = " + wait);
            settings.add("innodb_lock_wait_timeout = " + wait);
        }
        if (statementTimeout != null) {
            long seconds = seconds("statement timeout", statementTimeout);
            settings.add((this.dialect == Dialect.MARIADB) ? "max_statement_time = " + seconds
                    : "max_execution_time = " + Math.min(statementTimeout.toMillis(), Integer.MAX_VALUE));
        }
        if (!settings.isEmpty()) {
            Jdbc.execute(connection, List.of("SET SESSION " + String.join(", ", settings)));
        }
    }

    @Override
    public void resetSession(Connection connection) throws SQLException {
        Jdbc.execute(connection, List.of("SET SESSION lock_wait_timeout = DEFAULT, "
                + "innodb_lock_wait_timeout = DEFAULT, " + statementTimeoutVariable() + " = DEFAULT"));
    }

    @Override
    public void configureTransaction(Connection connection, @Nullable Duration lockTimeout,
            @Nullable Duration statementTimeout) throws SQLException {
        configureSession(connection, lockTimeout, statementTimeout);
    }

    private String statementTimeoutVariable() {
        return (this.dialect == Dialect.MARIADB) ? "max_statement_time" : "max_execution_time";
    }

    private static long seconds(String what, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The " + what + " must not be negative but was " + duration);
        }
        long seconds = duration.getSeconds() + ((duration.getNano() > 0) ? 1 : 0);
        return Math.min(seconds, MAX_LOCK_WAIT_SECONDS);
    }

    @Override
    public OptionalLong databaseSize(Connection connection) throws SQLException {
        return OptionalLong.of(Jdbc.queryForLong(connection, "SELECT coalesce(sum(data_length + index_length), 0) "
                + "FROM information_schema.tables WHERE table_schema = DATABASE()"));
    }

    @Override
    public OptionalLong schemaSize(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT coalesce(sum(data_length + "
                + "index_length), 0) FROM information_schema.tables WHERE table_schema = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return OptionalLong.of(rows.getLong(1));
            }
        }
    }

    @Override
    public OptionalLong relationMark(Connection connection) {
        return OptionalLong.empty();
    }

    @Override
    public RelationGrowth relationGrowth(Connection connection, long mark, @Nullable String schema)
            throws SQLException {
        throw new SQLFeatureNotSupportedException(this.dialect.displayName() + " has no relation mark to measure "
                + "growth from");
    }

    @Override
    public MigrationLock lock(DataSource dataSource, String schema, String table) {
        return new MySqlNamedLock(dataSource, schema + "." + table);
    }

    /** Drops views, tables, sequences and routines one by one, with foreign key checks off; the schema stays. */
    @Override
    public void dropAllObjects(Connection connection, String schema) throws SQLException {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("Invalid schema name '" + schema
                    + "': use only letters, digits and underscores, starting with a letter or underscore");
        }
        List<String> drops = new ArrayList<>();
        drops.add("SET @saferoll_foreign_key_checks = @@foreign_key_checks");
        drops.add("SET foreign_key_checks = 0");
        drops.addAll(drops(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_type = 'VIEW'", schema, "DROP VIEW IF EXISTS %s"));
        drops.addAll(drops(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_type = 'BASE TABLE'", schema, "DROP TABLE IF EXISTS %s"));
        drops.addAll(drops(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_type = 'SEQUENCE'", schema, "DROP SEQUENCE IF EXISTS %s"));
        drops.addAll(drops(connection, "SELECT routine_name FROM information_schema.routines "
                + "WHERE routine_schema = ? AND routine_type = 'PROCEDURE'", schema, "DROP PROCEDURE IF EXISTS %s"));
        drops.addAll(drops(connection, "SELECT routine_name FROM information_schema.routines "
                + "WHERE routine_schema = ? AND routine_type = 'FUNCTION'", schema, "DROP FUNCTION IF EXISTS %s"));
        drops.add("SET foreign_key_checks = @saferoll_foreign_key_checks");
        Jdbc.execute(connection, drops);
    }

    private List<String> drops(Connection connection, String query, String schema, String drop) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    statements.add(String.format(drop, this.dialect.quoteIdentifier(schema) + "."
                            + this.dialect.quoteIdentifier(rows.getString(1))));
                }
            }
        }
        return statements;
    }

    @Override
    public SchemaSnapshotQueries snapshotQueries() {
        return SNAPSHOT_QUERIES;
    }

    @Override
    public BackfillStatements backfill() {
        return this.backfill;
    }
}
