package dev.saferoll.migrations.deployment;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.SchemaDrift;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes to the schema made by hand, outside migrations, are noticed and named. */
class DriftTests {

    private TestDatabase database;

    private final Migration orders = TestMigration.reversible("2024_01_01_100000", "Create orders",
            (connection) -> {
                connection.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total integer NOT NULL)");
                connection.execute("CREATE INDEX orders_total ON orders (total)");
            }, (connection) -> connection.execute("DROP TABLE orders"));

    private final Migration note = TestMigration.forwardOnly("2024_01_02_100000", "Add a note to orders",
            (connection) -> connection.execute("ALTER TABLE orders ADD COLUMN note text"));

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void nothingIsReportedBeforeARunHasRecordedTheSchema() {
        this.database.execute("CREATE TABLE unrelated (id integer)");
        assertThat(migrations(this.orders).drift()).isEmpty();
    }

    @Test
    void aColumnAddedByHandIsDrift() {
        Migrations migrations = migrations(this.orders);
        migrations.migrate();
        assertThat(migrations.drift()).get().extracting(SchemaDrift::isDrifted).isEqualTo(false);

        this.database.execute("ALTER TABLE orders ADD COLUMN discount integer");
        assertThat(migrations.drift().orElseThrow().differences())
            .containsExactly("+ column orders.discount integer");
    }

    @Test
    void anIndexDroppedByHandIsDrift() {
        Migrations migrations = migrations(this.orders);
        migrations.migrate();
        this.database.execute("DROP INDEX orders_total");
        assertThat(migrations.drift().orElseThrow().differences()).singleElement().asString()
            .startsWith("- index orders_total:");
    }

    @Test
    void aTypeChangedByHandIsDrift() {
        Migrations migrations = migrations(this.orders);
        migrations.migrate();
        this.database.execute("ALTER TABLE orders ALTER COLUMN total TYPE bigint");
        assertThat(migrations.drift().orElseThrow().differences())
            .contains("~ column orders.total: type integer → bigint");
    }

    @Test
    void aMigrationRunIsNeverDrift() {
        migrations(this.orders).migrate();
        Migrations release2 = migrations(this.orders, this.note);
        release2.migrate();
        assertThat(release2.drift().orElseThrow().isDrifted()).isFalse();
        Migrations release1 = migrations(this.orders);
        assertThat(release1.drift().orElseThrow().isDrifted()).isFalse();
        release1.migrate();
        assertThat(release1.drift().orElseThrow().isDrifted()).isFalse();
    }

    @Test
    void aRollbackIsNeverDrift() {
        Migrations migrations = migrations(this.orders);
        migrations.migrate();
        migrations.rollback(1, RollbackOptions.defaults());
        assertThat(migrations.drift().orElseThrow().isDrifted()).isFalse();
        assertThat(this.database.tableExists("orders")).isFalse();
    }

    private Migrations migrations(Migration... migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(List.of(migrations)).build();
    }
}
