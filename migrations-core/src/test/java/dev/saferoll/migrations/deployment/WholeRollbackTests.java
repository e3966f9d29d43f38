package dev.saferoll.migrations.deployment;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A rollback of several steps happens as a whole or not at all. */
class WholeRollbackTests {

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
    void aGuardRefusalAtTheLastStepLeavesEveryStepApplied() {
        Migrations migrations = migrations(reversibleTable("2024_01_01_100000", "kept_rows", false),
                reversibleTable("2024_01_02_100000", "empty_one", false),
                reversibleTable("2024_01_03_100000", "empty_two", false));
        migrations.migrate();
        this.database.execute("INSERT INTO kept_rows VALUES (1), (2)");

        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(3, RollbackOptions.defaults()))
            .withMessageContaining("2024_01_01_100000")
            .withMessageContaining("2 rows of kept_rows");
        assertThat(this.database.tableExists("empty_two")).isTrue();
        assertThat(this.database.tableExists("empty_one")).isTrue();
        assertThat(this.database.queryForLong("SELECT count(*) FROM kept_rows")).isEqualTo(2);
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations ORDER BY id"))
            .containsExactly("APPLIED", "APPLIED", "APPLIED");

        assertThat(migrations.rollback(2, RollbackOptions.defaults()).count()).isEqualTo(2);
        assertThat(this.database.tableExists("empty_one")).isFalse();
    }

    @Test
    void withANonTransactionalStepEveryGuardIsCheckedBeforeAnyStepRuns() {
        Migrations migrations = migrations(reversibleTable("2024_01_01_100000", "kept_rows", false),
                reversibleTable("2024_01_02_100000", "outside", true));
        migrations.migrate();
        this.database.execute("INSERT INTO kept_rows VALUES (1)");

        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(2, RollbackOptions.defaults()))
            .withMessageContaining("kept_rows");
        assertThat(this.database.tableExists("outside")).isTrue();
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations ORDER BY id"))
            .containsExactly("APPLIED", "APPLIED");
    }

    @Test
    void aConfirmedRollbackRefusesWhenAnotherMigrationWasAppliedInBetween() {
        Migration first = reversibleTable("2024_01_01_100000", "first", false);
        Migration second = reversibleTable("2024_01_02_100000", "second", false);
        migrations(first).migrate();
        List<MigrationVersion> shown = List.of(MigrationVersion.fromTimestamp("2024_01_01_100000"));
        migrations(first, second).migrate();

        assertThatExceptionOfType(RollbackRefusedException.class)
            .isThrownBy(() -> migrations(first, second).rollback(1,
                    RollbackOptions.defaults().withExpectedVersions(shown)))
            .withMessageContaining("2024_01_02_100000")
            .withMessageContaining("confirm again");
        assertThat(this.database.tableExists("second")).isTrue();
    }

    private Migrations migrations(Migration... migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(List.of(migrations)).build();
    }

    private static Migration reversibleTable(String version, String table, boolean nonTransactional) {
        TestMigration.Step up = (connection) -> connection.execute("CREATE TABLE " + table + " (id integer)");
        TestMigration.Step down = (connection) -> connection.execute("DROP TABLE " + table);
        return nonTransactional ? TestMigration.reversibleNonTransactional(version, "Create " + table, up, down)
                : TestMigration.reversible(version, "Create " + table, up, down);
    }
}
