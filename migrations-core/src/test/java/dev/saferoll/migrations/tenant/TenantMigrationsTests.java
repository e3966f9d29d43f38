package dev.saferoll.migrations.tenant;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Many schemas on real PostgreSQL: parallel fan-out, isolated failures, run-time tenants, two instances, rollback. */
class TenantMigrationsTests {

    private static final String V1 = "2024_01_01_100000";

    private static final String V2 = "2024_01_02_100000";

    private static final String V3 = "2024_01_03_100000";

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void twoHundredSchemasMigrateInParallelEachInItsOwnSchema() {
        List<String> schemas = IntStream.rangeClosed(1, 200).mapToObj((i) -> "tenant_" + i).toList();
        ConcurrencyProbe probe = new ConcurrencyProbe();
        TenantMigrations tenants = tenants(MigrationTenants.ofSchemas(schemas), 4, accounts(probe), rawSqlNotes(),
                addEmail());

        TenantsMigrateResult result = tenants.migrateAll();

        assertThat(result.count(TenantRun.Result.MIGRATED)).isEqualTo(200);
        assertThat(result.summary()).isEqualTo("200 migrated, 0 failed, 0 up to date");
        assertThat(probe.max.get()).as("tenants in flight at once").isBetween(2, 4);
        assertThat(this.database.queryForLong("SELECT count(*) FROM information_schema.tables "
                + "WHERE table_schema LIKE 'tenant\\_%' AND table_name IN ('accounts', 'notes', 'schema_migrations')"))
            .isEqualTo(600);
        assertThat(this.database.queryForLong("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_schema LIKE 'tenant\\_%' AND table_name = 'accounts' AND column_name = 'email'"))
            .isEqualTo(200);
        assertThat(this.database.queryForLong("SELECT count(*) FROM tenant_17.schema_migrations")).isEqualTo(3);
        assertThat(this.database.queryForLong("SELECT count(*) FROM tenant_17.notes")).isEqualTo(1);
        long recorded = this.database.queryForLong("SELECT size_after_bytes FROM tenant_17.schema_migrations "
                + "WHERE version = '" + V3 + "'");
        long schemaSize = this.database.queryForLong("SELECT sum(pg_table_size(c.oid)) FROM pg_class c "
                + "WHERE c.relnamespace = 'tenant_17'::regnamespace AND c.relkind IN ('r', 'i', 'S') "
                + "AND c.relname NOT LIKE 'schema\\_migrations\\_schema%'"); // drift's record, written after the run
        assertThat(recorded).as("a tenant's history records its own schema's size, whatever the others do at once")
            .isCloseTo(schemaSize, withPercentage(10))
            .isLessThan(this.database.queryForLong("SELECT pg_database_size(current_database())") / 10);
        assertThat(this.database.tableExists("accounts")).as("nothing lands in public").isFalse();
        assertThat(this.database.tableExists("schema_migrations")).isFalse();

        TenantsMigrateResult again = tenants.migrateAll();
        assertThat(again.count(TenantRun.Result.UP_TO_DATE)).isEqualTo(200);
        TenantsStatus status = tenants.status();
        assertThat(status.counts()).containsEntry(TenantState.UP_TO_DATE, 200).containsEntry(TenantState.FAILED, 0);
        assertThat(status.find("tenant_5")).hasValueSatisfying((tenant) -> {
            assertThat(tenant.applied()).isEqualTo(3);
            assertThat(tenant.currentVersion()).hasToString(V3);
        });
    }

    @Test
    void oneTenantsBrokenDataFailsThatTenantOnly() {
        List<String> schemas = List.of("alpha", "bravo", "charlie", "delta", "echo");
        TenantMigrations tenants = tenants(MigrationTenants.ofSchemas(schemas), 2, accounts(null));
        tenants.migrateAll();
        // charlie's data breaks the unique index that the next release adds.
        this.database.execute("INSERT INTO charlie.accounts (name) VALUES ('same'), ('same')");
        TenantMigrations next = tenants(MigrationTenants.ofSchemas(schemas), 2, accounts(null), uniqueNames());

        TenantsMigrateResult result = next.migrateAll();

        assertThat(result.summary()).isEqualTo("4 migrated, 1 failed, 0 up to date; failed: charlie");
        assertThat(result.runs(TenantRun.Result.FAILED)).singleElement().satisfies((run) -> {
            assertThat(run.tenant()).isEqualTo("charlie");
            assertThat(run.error()).hasMessageContaining("accounts_name_unique");
        });
        TenantsStatus status = next.status();
        assertThat(status.counts()).containsEntry(TenantState.UP_TO_DATE, 4).containsEntry(TenantState.FAILED, 1);
        assertThat(status.find("charlie")).hasValueSatisfying((tenant) -> {
            assertThat(tenant.state()).isEqualTo(TenantState.FAILED);
            assertThat(tenant.problem()).contains(V2 + " is FAILED");
        });
        assertThat(next.migrations(next.tenant("charlie")).status().find(version(V2)))
            .hasValueSatisfying((entry) -> assertThat(entry.state()).isEqualTo(MigrationState.FAILED));
        assertThat(next.migrations(next.tenant("delta")).status().needsAttention()).isFalse();
    }

    @Test
    void stopAtFirstFailureSkipsTheTenantsNotStartedYet() {
        List<String> schemas = List.of("alpha", "bravo", "charlie", "delta");
        tenants(MigrationTenants.ofSchemas(schemas), 1, accounts(null)).migrateAll();
        this.database.execute("INSERT INTO bravo.accounts (name) VALUES ('same'), ('same')");
        TenantMigrations next = TenantMigrations.builder(base(accounts(null), uniqueNames()))
            .tenants(MigrationTenants.ofSchemas(schemas))
            .parallelism(1)
            .stopAtFirstFailure(true)
            .build();

        TenantsMigrateResult result = next.migrateAll();

        assertThat(result.runs()).extracting(TenantRun::result)
            .containsExactly(TenantRun.Result.MIGRATED, TenantRun.Result.FAILED, TenantRun.Result.SKIPPED,
                    TenantRun.Result.SKIPPED);
        assertThat(result.summary()).contains("2 skipped after the first failure");
        assertThat(next.status().counts()).containsEntry(TenantState.PENDING, 2);
    }

    @Test
    void aTenantAddedAtRunTimeIsMigratedOnDemandAndListedFromThen() {
        List<Tenant> listed = new CopyOnWriteArrayList<>(List.of(Tenant.ofSchema("acme"), Tenant.ofSchema("globex")));
        TenantMigrations tenants = tenants(() -> listed, 2, accounts(null), rawSqlNotes());
        tenants.migrateAll();

        Tenant signedUp = Tenant.ofSchema("initech");
        assertThat(tenants.migrate(signedUp).count()).isEqualTo(2);
        listed.add(signedUp);

        assertThat(this.database.queryForLong("SELECT count(*) FROM initech.notes")).isEqualTo(1);
        assertThat(tenants.status().counts()).containsEntry(TenantState.UP_TO_DATE, 3);
        assertThat(tenants.status("initech").applied()).isEqualTo(2);
        assertThat(tenants.migrateAll().count(TenantRun.Result.UP_TO_DATE)).isEqualTo(3);
    }

    @Test
    void aNeverMigratedTenantIsPendingAndAnUnknownOneIsNamed() {
        TenantMigrations tenants = tenants(MigrationTenants.ofSchemas(List.of("acme")), 2, accounts(null));

        assertThat(tenants.status("acme")).satisfies((status) -> {
            assertThat(status.state()).isEqualTo(TenantState.PENDING);
            assertThat(status.pending()).isEqualTo(1);
        });
        assertThat(this.database.queryForLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'acme'"))
            .as("reading a status creates nothing").isZero();
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> tenants.status("nobody"))
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNKNOWN_TENANT))
            .withMessageContaining("'nobody'");
    }

    @Test
    void twoInstancesSplitTheTenantsAndApplyEachMigrationOnce() throws Exception {
        List<String> schemas = IntStream.rangeClosed(1, 40).mapToObj((i) -> "shop_" + i).toList();
        Migration slow = TestMigration.forwardOnly(V1, "Create slow", (connection) -> {
            connection.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
            connection.execute("SELECT pg_sleep(0.05)");
        });
        TenantMigrations first = tenants(MigrationTenants.ofSchemas(schemas), 3, slow, rawSqlNotes());
        TenantMigrations second = tenants(MigrationTenants.ofSchemas(schemas), 3, slow, rawSqlNotes());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Future<TenantsMigrateResult> a = instances.submit(() -> {
                start.await();
                return first.migrateAll();
            });
            Future<TenantsMigrateResult> b = instances.submit(() -> {
                start.await();
                return second.migrateAll();
            });
            start.countDown();
            TenantsMigrateResult resultA = a.get(2, TimeUnit.MINUTES);
            TenantsMigrateResult resultB = b.get(2, TimeUnit.MINUTES);

            Set<String> migratedByA = migrated(resultA);
            Set<String> migratedByB = migrated(resultB);
            assertThat(migratedByA).as("tenants migrated by instance A").isNotEmpty().doesNotContainAnyElementsOf(
                    migratedByB);
            assertThat(migratedByB).as("tenants migrated by instance B").isNotEmpty();
            Set<String> all = new HashSet<>(migratedByA);
            all.addAll(migratedByB);
            assertThat(all).containsExactlyInAnyOrderElementsOf(schemas);
            assertThat(resultA.hasFailures()).isFalse();
            assertThat(resultB.hasFailures()).isFalse();
        }
        finally {
            instances.shutdownNow();
        }
        for (String schema : schemas) {
            assertThat(this.database.queryForLong("SELECT count(*) FROM " + schema + ".schema_migrations"))
                .as("history rows of " + schema).isEqualTo(2);
            assertThat(this.database.queryForLong("SELECT count(*) FROM " + schema + ".notes")).isEqualTo(1);
        }
    }

    @Test
    void aPerTenantRollbackIsRefusedByTheGuardWhereItWouldLoseData() {
        Migration nickname = TestMigration.reversible(V2, "Add nickname",
                TestMigration.schema((schema) -> schema.table("accounts", (table) -> table.string("nickname")
                    .nullable())),
                TestMigration.schema((schema) -> schema.table("accounts", (table) -> table.dropColumn("nickname"))));
        TenantMigrations tenants = tenants(MigrationTenants.ofSchemas(List.of("acme", "globex")), 2, accounts(null),
                nickname);
        tenants.migrateAll();
        this.database.execute("INSERT INTO acme.accounts (name, nickname) VALUES ('Ada', 'ada')");

        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> tenants.rollback("acme", 1, RollbackOptions.defaults()))
            .withMessageContaining("nickname");
        assertThat(tenants.status("acme").state()).isEqualTo(TenantState.UP_TO_DATE);
        assertThat(this.database.queryForStrings("SELECT nickname FROM acme.accounts")).containsExactly("ada");

        assertThat(tenants.rollback("globex", 1, RollbackOptions.defaults()).count()).isEqualTo(1);
        assertThat(tenants.status("globex").state()).isEqualTo(TenantState.PENDING);
        assertThat(tenants.status("acme").state()).isEqualTo(TenantState.UP_TO_DATE);
        assertThatExceptionOfType(RollbackRefusedException.class)
            .isThrownBy(() -> tenants.rollback("globex", 1, RollbackOptions.defaults()))
            .withMessageContaining("does not support safe rollback");
    }

    @Test
    void everyConnectionGoesBackToItsPoolWithItsOwnSearchPath() throws SQLException {
        RecordingDataSource recording = new RecordingDataSource(this.database.dataSource());
        TenantMigrations tenants = TenantMigrations
            .builder(Migrations.builder().dataSource(recording).migrations(accounts(null), rawSqlNotes())
                .toConfiguration())
            .tenants(MigrationTenants.ofSchemas(List.of("acme", "globex", "initech")))
            .parallelism(2)
            .build();

        tenants.migrateAll();
        tenants.status();

        assertThat(recording.connections).hasSizeGreaterThan(3);
        for (Connection connection : recording.connections) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW search_path")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("\"$user\", public");
            }
            connection.close();
        }
    }

    @Test
    void aTenantWithItsOwnDatabaseIsMigratedThere() {
        try (TestDatabase other = TestPostgres.createDatabase()) {
            TenantMigrations tenants = tenants(() -> List.of(Tenant.ofSchema("acme"),
                    Tenant.ofDatabase("big_customer", other.dataSource())), 2, accounts(null));

            assertThat(tenants.migrateAll().count(TenantRun.Result.MIGRATED)).isEqualTo(2);
            assertThat(other.tableExists("accounts")).isTrue();
            assertThat(other.tableExists("schema_migrations")).isTrue();
            assertThat(this.database.tableExists("accounts")).isFalse();
            assertThat(tenants.status("big_customer").state()).isEqualTo(TenantState.UP_TO_DATE);
        }
    }

    @Test
    void badTenantInputIsNamed() {
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> Tenant.ofSchema("acme; DROP"))
            .withMessageContaining("'acme; DROP'");
        TenantMigrations twice = tenants(MigrationTenants.ofSchemas(List.of("acme", "acme")), 2, accounts(null));
        assertThatExceptionOfType(MigrationException.class).isThrownBy(twice::migrateAll)
            .withMessageContaining("'acme' is listed twice");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> TenantMigrations.builder(base(accounts(null))).parallelism(0).build())
            .withMessageContaining("parallelism must be 1 or more but was 0");
        assertThat(TenantMigrations.builder(base(accounts(null))).parallelism(8).connectionBudget(5).build()
            .parallelism()).isEqualTo(2);
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> base(accounts(null)).toBuilder().table("audit.history").schema("acme").toConfiguration())
            .withMessageContaining("'audit.history' names a schema");
    }

    private TenantMigrations tenants(MigrationTenants tenants, int parallelism, Migration... migrations) {
        return TenantMigrations.builder(base(migrations)).tenants(tenants).parallelism(parallelism).build();
    }

    private MigrationsConfiguration base(Migration... migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations).toConfiguration();
    }

    private static Migration accounts(ConcurrencyProbe probe) {
        return TestMigration.forwardOnly(V1, "Create accounts", (connection) -> {
            if (probe != null) {
                probe.enter();
            }
            try {
                TestMigration.schema((schema) -> schema.create("accounts", (table) -> {
                    table.id();
                    table.string("name");
                })).run(connection);
            }
            finally {
                if (probe != null) {
                    probe.leave();
                }
            }
        });
    }

    /** Raw SQL with unqualified names: it must land in the tenant's schema. */
    private static Migration rawSqlNotes() {
        return TestMigration.forwardOnly(V2, "Create notes", (connection) -> {
            connection.execute("CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL)");
            connection.execute("INSERT INTO notes VALUES (1, 'welcome')");
        });
    }

    private static Migration addEmail() {
        return TestMigration.forwardOnly(V3, "Add email",
                TestMigration.schema((schema) -> schema.table("accounts", (table) -> table.string("email")
                    .nullable())));
    }

    private static Migration uniqueNames() {
        return TestMigration.forwardOnly(V2, "Unique account names",
                (connection) -> connection.execute("ALTER TABLE accounts ADD CONSTRAINT accounts_name_unique "
                        + "UNIQUE (name)"));
    }

    private static dev.saferoll.migrations.MigrationVersion version(String version) {
        return dev.saferoll.migrations.MigrationVersion.fromTimestamp(version);
    }

    private static Set<String> migrated(TenantsMigrateResult result) {
        Set<String> tenants = new HashSet<>();
        result.runs(TenantRun.Result.MIGRATED).forEach((run) -> tenants.add(run.tenant()));
        return tenants;
    }

    /** Counts how many tenants are inside a migration at once. */
    private static final class ConcurrencyProbe {

        private final AtomicInteger current = new AtomicInteger();

        private final AtomicInteger max = new AtomicInteger();

        void enter() throws InterruptedException {
            this.max.accumulateAndGet(this.current.incrementAndGet(), Math::max);
            Thread.sleep(20);
        }

        void leave() {
            this.current.decrementAndGet();
        }
    }

    /** A pool stand-in: connections are kept open on close, so the test can look at what each was left with. */
    private static final class RecordingDataSource extends org.postgresql.ds.PGSimpleDataSource {

        private final DataSource target;

        private final List<Connection> connections = new CopyOnWriteArrayList<>();

        RecordingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = this.target.getConnection();
            this.connections.add(connection);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, arguments) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, arguments);
                        }
                        catch (java.lang.reflect.InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }
    }
}
