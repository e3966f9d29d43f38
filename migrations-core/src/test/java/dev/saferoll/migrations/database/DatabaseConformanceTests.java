package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.LockNotAcquiredException;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.TableName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every dialect's {@link Database} must do, against a real database of that dialect. A dialect counts as
 * supported only when a subclass of this passes. Subclasses give an empty database for each test and the few
 * statements that differ between dialects.
 */
@Timeout(60)
public abstract class DatabaseConformanceTests {

    protected Connection connection;

    /** The dialect under test. */
    protected abstract Dialect dialect();

    /** Creates an empty database (or schema) of its own for the next test. */
    protected abstract void createDatabase();

    /** Where the database of this test is. */
    protected abstract DataSource dataSource();

    /** Drops the database of this test, after its connections are closed. */
    protected abstract void dropDatabase();

    /** The lock timeout the session has now, in milliseconds, 0 meaning none. */
    protected abstract long lockTimeoutMillis(Connection connection) throws SQLException;

    /** A statement that changes the type of {@code t.name} (text) so that the table is rewritten. */
    protected abstract String rewritingStatement();

    /** Creates a table, a view, a sequence, a type and a function (where the dialect has them) in the schema. */
    protected abstract void createObjectsOfEveryKind(Statement statement) throws SQLException;

    /** How many tables, views, sequences, types and functions the schema holds. */
    protected abstract long countObjects(Connection connection, String schema) throws SQLException;

    /** Ends every other session of this database from the server's side, as a crash of their clients would. */
    protected abstract void terminateOtherSessions(Connection connection) throws SQLException;

    /** The lock timeout the database keeps when asked for {@code timeout}; MySQL's are whole seconds. */
    protected long effectiveLockTimeoutMillis(Duration timeout) {
        return timeout.toMillis();
    }

    /** Whether settings can be scoped to a transaction; where not, they hold for the session until reset. */
    protected boolean scopesSettingsToTransactions() {
        return true;
    }

    /** Drops a schema and everything in it; on MySQL and MariaDB a schema is a database. */
    protected String dropSchemaStatement(String quotedSchema) {
        return "DROP SCHEMA IF EXISTS " + quotedSchema + " CASCADE";
    }

    protected final Database database() {
        return Database.of(dialect());
    }

    @BeforeEach
    void connect() throws SQLException {
        createDatabase();
        this.connection = dataSource().getConnection();
        this.connection.setAutoCommit(true);
    }

    @AfterEach
    void disconnect() throws SQLException {
        try {
            this.connection.close();
        }
        finally {
            dropDatabase();
        }
    }

    @Test
    void belongsToTheDialectOfItsConnections() throws SQLException {
        assertThat(Dialect.of(this.connection)).isEqualTo(dialect());
        assertThat(database().dialect()).isEqualTo(dialect());
        assertThat(database().grammar().dialect()).isEqualTo(dialect());
    }

    @Test
    void findsTablesInTheCurrentSchema() throws SQLException {
        execute("CREATE TABLE conformance_t (id integer)");
        String schema = database().currentSchema(this.connection);
        assertThat(database().tableExists(this.connection, schema, "conformance_t")).isTrue();
        assertThat(database().tableExists(this.connection, TableName.of("conformance_t"))).isTrue();
        assertThat(database().tableExists(this.connection, schema, "conformance_missing")).isFalse();
        assertThat(database().tableExists(this.connection, TableName.of("conformance_missing"))).isFalse();
    }

    @Test
    void aTenantsSchemaIsCreatedOnceUsedAloneAndLeftAsItWas() throws SQLException {
        String before = database().currentSchema(this.connection);
        String tenant = "tenant_" + Long.toHexString(System.nanoTime());
        try {
            String kept = database().useSchema(this.connection, tenant);
            database().restoreSchema(this.connection, kept);
            assertThat(database().currentSchema(this.connection)).as("a missing schema changes nothing")
                .isEqualTo(before);
            database().createSchema(this.connection, tenant);
            database().createSchema(this.connection, tenant);
            String previous = database().useSchema(this.connection, tenant);
            execute("CREATE TABLE conformance_tenant_t (id integer)");
            assertThat(database().tableExists(this.connection, new TableName(tenant, "conformance_tenant_t")))
                .isTrue();
            assertThat(database().tableExists(this.connection, before, "conformance_tenant_t")).isFalse();
            database().restoreSchema(this.connection, previous);
            assertThat(database().currentSchema(this.connection)).isEqualTo(before);
            assertThat(database().tableExists(this.connection, TableName.of("conformance_tenant_t"))).isFalse();
        }
        finally {
            execute(dropSchemaStatement(dialect().quoteIdentifier(dialect().storedName(tenant))));
        }
    }

    @Test
    void measuresOneSchemasSizeWhereItCan() throws SQLException {
        String tenant = "tenant_" + Long.toHexString(System.nanoTime());
        String stored = dialect().storedName(tenant);
        try {
            database().createSchema(this.connection, tenant);
            OptionalLong empty = database().schemaSize(this.connection, stored);
            if (empty.isEmpty()) {
                return;
            }
            OptionalLong mark = database().relationMark(this.connection);
            String previous = database().useSchema(this.connection, tenant);
            execute("CREATE TABLE conformance_tenant_t (id integer PRIMARY KEY, name varchar(20))");
            execute("INSERT INTO conformance_tenant_t VALUES (1, 'a')");
            database().restoreSchema(this.connection, previous);
            long grown = database().schemaSize(this.connection, stored).getAsLong();
            assertThat(grown).as("the schema's size after a table in it").isGreaterThan(empty.getAsLong());
            execute("CREATE TABLE conformance_elsewhere (id integer PRIMARY KEY)");
            assertThat(database().schemaSize(this.connection, stored)).as("a table in another schema")
                .hasValue(grown);
            if (mark.isPresent()) {
                Database.RelationGrowth all = database().relationGrowth(this.connection, mark.getAsLong(), null);
                Database.RelationGrowth tenants = database().relationGrowth(this.connection, mark.getAsLong(), stored);
                assertThat(tenants.bytes()).as("growth in the tenant's schema alone").isPositive()
                    .isLessThan(all.bytes());
            }
        }
        finally {
            execute(dropSchemaStatement(dialect().quoteIdentifier(stored)));
        }
    }

    @Test
    void namesTheConnectedUser() throws SQLException {
        assertThat(database().currentUser(this.connection)).isNotBlank().contains("@");
    }

    @Test
    void tellsAMissingTableFromOtherErrors() {
        SQLException missing = failure("SELECT * FROM conformance_missing");
        SQLException syntax = failure("SELEKT 1");
        assertThat(database().isUndefinedTable(missing)).isTrue();
        assertThat(database().isUndefinedTable(syntax)).isFalse();
    }

    @Test
    void sessionSettingsHoldUntilReset() throws SQLException {
        long before = lockTimeoutMillis(this.connection);
        Duration timeout = Duration.ofMillis(1234);
        database().configureSession(this.connection, timeout, Duration.ofSeconds(30));
        assertThat(lockTimeoutMillis(this.connection)).isEqualTo(effectiveLockTimeoutMillis(timeout));
        execute("SELECT 1");
        assertThat(lockTimeoutMillis(this.connection)).isEqualTo(effectiveLockTimeoutMillis(timeout));
        database().resetSession(this.connection);
        assertThat(lockTimeoutMillis(this.connection)).isEqualTo(before);
    }

    @Test
    void transactionSettingsEndWithTheTransaction() throws SQLException {
        long before = lockTimeoutMillis(this.connection);
        Duration timeout = Duration.ofMillis(4321);
        this.connection.setAutoCommit(false);
        database().configureTransaction(this.connection, timeout, null);
        assertThat(lockTimeoutMillis(this.connection)).isEqualTo(effectiveLockTimeoutMillis(timeout));
        this.connection.commit();
        this.connection.setAutoCommit(true);
        if (!scopesSettingsToTransactions()) {
            assertThat(lockTimeoutMillis(this.connection)).isEqualTo(effectiveLockTimeoutMillis(timeout));
            database().resetSession(this.connection);
        }
        assertThat(lockTimeoutMillis(this.connection)).isEqualTo(before);
    }

    @Test
    void negativeTimeoutsAreRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> database().configureSession(this.connection, Duration.ofSeconds(-1), null))
            .withMessageContaining("lock timeout");
    }

    @Test
    void tellsAnExistingTableFromOtherErrors() throws SQLException {
        execute("CREATE TABLE conformance_t (id integer)");
        SQLException existing = failure("CREATE TABLE conformance_t (id integer)");
        SQLException syntax = failure("CREATE TABEL conformance_u (id integer)");
        assertThat(database().isDuplicateTable(existing)).isTrue();
        assertThat(database().isDuplicateTable(syntax)).isFalse();
        assertThat(database().isUndefinedTable(existing)).isFalse();
    }

    @Test
    void measuresTheDatabaseSizeWhereItCan() throws SQLException {
        execute("CREATE TABLE conformance_t (id integer)");
        OptionalLong size = database().databaseSize(this.connection);
        size.ifPresent((bytes) -> assertThat(bytes).isPositive());
    }

    @Test
    void measuresGrowthSinceAMarkWhereItCan() throws SQLException {
        execute("CREATE TABLE conformance_old (id integer, name varchar(20))");
        execute("INSERT INTO conformance_old VALUES (1, 'a')");
        OptionalLong mark = database().relationMark(this.connection);
        if (mark.isEmpty()) {
            return;
        }
        execute("CREATE TABLE conformance_new (id integer)");
        execute("INSERT INTO conformance_new VALUES (1)");
        Database.RelationGrowth growth = database().relationGrowth(this.connection, mark.getAsLong(), null);
        assertThat(growth.bytes()).isPositive();
        assertThat(growth.nextMark()).isGreaterThan(mark.getAsLong());
        assertThat(growth.rewritten()).isFalse();
        execute(rewritingStatement());
        assertThat(database().relationGrowth(this.connection, growth.nextMark(), null).rewritten()).isTrue();
    }

    @Test
    void oneRunnerAtATimeHoldsTheLock() throws SQLException {
        String schema = database().currentSchema(this.connection);
        MigrationLock lock = database().lock(dataSource(), schema, "conformance_history");
        MigrationLock other = database().lock(dataSource(), schema, "other_history");
        assertThat(lock.holder()).isEmpty();
        try (MigrationLock.Held held = lock.acquire(Duration.ofSeconds(5))) {
            held.verify();
            assertThat(lock.holder()).isPresent();
            assertThatExceptionOfType(LockNotAcquiredException.class)
                .isThrownBy(() -> lock.acquire(Duration.ofMillis(200)))
                .satisfies((ex) -> assertThat(ex.getHolder()).isEqualTo(lock.holder().orElseThrow()));
            try (MigrationLock.Held unrelated = other.acquire(Duration.ZERO)) {
                unrelated.verify();
            }
        }
        assertThat(lock.holder()).isEmpty();
        try (MigrationLock.Held again = lock.acquire(Duration.ZERO)) {
            again.verify();
        }
    }

    @Test
    void aDeadHoldersLockIsFreedByTheDatabase() throws SQLException {
        MigrationLock lock = database().lock(dataSource(), database().currentSchema(this.connection),
                "conformance_history");
        try (MigrationLock.Held held = lock.acquire(Duration.ofSeconds(5))) {
            terminateOtherSessions(this.connection);
            assertThatExceptionOfType(MigrationException.class).isThrownBy(held::verify)
                .withMessageContaining("lost");
            try (MigrationLock.Held next = lock.acquire(Duration.ofSeconds(10))) {
                next.verify();
            }
        }
    }

    @Test
    void dropsEveryObjectOfTheSchema() throws SQLException {
        try (Statement statement = this.connection.createStatement()) {
            createObjectsOfEveryKind(statement);
        }
        String schema = database().currentSchema(this.connection);
        assertThat(countObjects(this.connection, schema)).isPositive();
        database().dropAllObjects(this.connection, schema);
        assertThat(countObjects(this.connection, schema)).isZero();
        try (Statement statement = this.connection.createStatement()) {
            createObjectsOfEveryKind(statement);
        }
    }

    @Test
    void describesTheSchemaForSnapshots() throws SQLException {
        execute("CREATE TABLE conformance_t (id integer NOT NULL, name varchar(20))");
        String schema = database().currentSchema(this.connection);
        MigrationConnection connection = MigrationConnection.of(this.connection, dialect());
        SchemaSnapshotQueries queries = database().snapshotQueries();
        assertThat(connection.query(queries.relations(), (row) -> row.getString(1), schema))
            .anyMatch((name) -> name.equalsIgnoreCase("conformance_t"));
        assertThat(connection.query(queries.columns(), (row) -> row.getString(2), schema))
            .anyMatch((name) -> name.equalsIgnoreCase("name"));
    }

    @Test
    void backfillStatementsWalkATableByKey() throws SQLException {
        execute("CREATE TABLE conformance_b (id integer, status varchar(10))");
        for (int i = 1; i <= 5; i++) {
            execute("INSERT INTO conformance_b (id) VALUES (" + i + ")");
        }
        BackfillStatements statements = database().backfill();
        MigrationConnection connection = MigrationConnection.of(this.connection, dialect());
        TableName table = TableName.of("conformance_b");
        ColumnName id = ColumnName.of("id");
        List<Long> batch = connection.query(statements.nextBatchQuery(table, id, null, true),
                (row) -> row.getLong(1) * 10 + row.getLong(2), 1, 3);
        assertThat(batch).containsExactly(43L);
        assertThat(connection.execute(statements.update(table, id, "status = 'done'", null, true), 1, 4))
            .isEqualTo(3);
        assertThat(connection.query(statements.remainingRowsQuery(table, id, "status IS NULL", false),
                (row) -> row.getLong(1))).containsExactly(2L);
    }

    @Test
    void describesAColumnFromTheCatalog() throws SQLException {
        execute("CREATE TABLE conformance_c (id integer PRIMARY KEY, name varchar(20) NOT NULL, note varchar(30))");
        String table = stored("conformance_c");
        CatalogColumn name = database().column(this.connection, null, table, stored("name")).orElseThrow();
        assertThat(name.type().toLowerCase(Locale.ROOT)).contains("20");
        assertThat(name.notNull()).isTrue();
        assertThat(database().column(this.connection, null, table, stored("note")).orElseThrow().notNull()).isFalse();
        String schema = database().currentSchema(this.connection);
        assertThat(database().column(this.connection, schema, table, stored("name"))).isPresent();
        assertThat(database().column(this.connection, null, table, stored("missing"))).isEmpty();
        assertThat(database().column(this.connection, null, stored("conformance_missing"), stored("name"))).isEmpty();
    }

    @Test
    void findsAPrimaryKeyAndTheTablesOfASchema() throws SQLException {
        execute("CREATE TABLE conformance_k (a integer NOT NULL, b integer NOT NULL, PRIMARY KEY (b, a))");
        execute("CREATE TABLE conformance_n (a integer)");
        String schema = database().currentSchema(this.connection);
        assertThat(database().primaryKey(this.connection, null, stored("conformance_k")))
            .containsExactly(stored("b"), stored("a"));
        assertThat(database().primaryKey(this.connection, null, stored("conformance_n"))).isEmpty();
        assertThat(database().primaryKey(this.connection, null, stored("conformance_missing"))).isEmpty();
        assertThat(database().tables(this.connection, schema)).contains(stored("conformance_k"), stored("conformance_n"));
        assertThat(database().tables(this.connection, "conformance_no_such_schema")).isEmpty();
    }

    @Test
    void measuresTheLocksItsOwnSessionTakesWhereItCan() throws SQLException {
        execute("CREATE TABLE conformance_l (id integer)");
        execute("CREATE TABLE conformance_untouched (id integer)");
        long mark = database().relationMark(this.connection).orElse(Long.MAX_VALUE);
        this.connection.setAutoCommit(false);
        try {
            Optional<List<HeldLock>> before = database().heldLocks(this.connection, mark);
            if (before.isEmpty()) {
                return;
            }
            assertThat(before.get()).noneMatch((lock) -> lock.table().equalsIgnoreCase("conformance_l"));
            execute("ALTER TABLE conformance_l ADD COLUMN extra integer");
            execute("CREATE TABLE conformance_new (id integer)");
            List<HeldLock> after = database().heldLocks(this.connection, mark).orElseThrow();
            assertThat(after).anySatisfy((lock) -> {
                assertThat(lock.table()).isEqualToIgnoringCase("conformance_l");
                assertThat(lock.strength()).isPositive();
                assertThat(lock.mode()).isNotBlank();
            });
            assertThat(after).noneMatch((lock) -> lock.table().equalsIgnoreCase("conformance_untouched")
                    || lock.table().equalsIgnoreCase("conformance_new"));
            HeldLock lock = after.stream().filter((held) -> held.table().equalsIgnoreCase("conformance_l")).findFirst()
                .orElseThrow();
            TableStatistics statistics = database().tableStatistics(this.connection, lock.relation());
            statistics.bytes().ifPresent((bytes) -> assertThat(bytes).isNotNegative());
            statistics.estimatedRows().ifPresent((rows) -> assertThat(rows).isNotNegative());
        }
        finally {
            this.connection.rollback();
            this.connection.setAutoCommit(true);
        }
    }

    @Test
    void findsTheFilesARewriteReplacesWhereItCan() throws SQLException {
        execute("CREATE TABLE conformance_old (id integer PRIMARY KEY, name varchar(20))");
        execute("INSERT INTO conformance_old VALUES (1, 'a')");
        List<RelationFile> files = database().tableFiles(this.connection, null, stored("conformance_old"));
        assertThat(database().tableFiles(this.connection, null, stored("conformance_missing"))).isEmpty();
        OptionalLong mark = database().relationMark(this.connection);
        if (files.isEmpty() || mark.isEmpty()) {
            return;
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2).allSatisfy((file) -> assertThat(file.bytes()).isNotNegative());
        List<Long> relations = files.stream().map(RelationFile::relation).toList();
        assertThat(database().rewrittenSince(this.connection, relations, mark.getAsLong())).isEmpty();
        execute(rewritingStatement());
        Set<Long> rewritten = database().rewrittenSince(this.connection, relations, mark.getAsLong());
        assertThat(rewritten).isNotEmpty().isSubsetOf(relations);
    }

    /** A name as the catalog stores an unquoted identifier of this dialect. */
    protected String stored(String unquoted) {
        return dialect().storedName(unquoted);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = this.connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private SQLException failure(String sql) {
        try {
            execute(sql);
        }
        catch (SQLException ex) {
            return ex;
        }
        throw new AssertionError("Expected '" + sql + "' to fail");
    }
}
