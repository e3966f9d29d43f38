package dev.saferoll.migrations.runner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FailureRecoveryTests {

    private static final String VERSION = "2024_03_01_100000";

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
    void migrationFailingHalfwayLeavesNoPartialSchemaAndCanBeResetAndFixed() {
        TestMigration broken = TestMigration.forwardOnly(VERSION, "Create invoices", (connection) -> {
            new Schema(connection).create("invoices", (table) -> table.id()).execute();
            connection.execute("ALTER TABLE invoices ADD COLUMN total numeric(10,2) NOT NUL");
        });
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource()).migrations(broken).build();

        assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(migrations::migrate)
            .satisfies((ex) -> {
                assertThat(ex.getVersion()).isEqualTo(MigrationVersion.fromTimestamp(VERSION));
                assertThat(ex.getStatement()).isEqualTo("ALTER TABLE invoices ADD COLUMN total numeric(10,2) NOT NUL");
                assertThat(ex.getSqlState()).isEqualTo("42601");
                assertThat(ex.getMessage()).contains(VERSION, "NOT NUL", "42601", "Nothing of this migration was applied",
                        "db:reset " + VERSION);
            });
        assertThat(this.database.tableExists("invoices")).isFalse();
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("FAILED");
        assertThat(migrations.status().find(MigrationVersion.fromTimestamp(VERSION)).get().state())
            .isEqualTo(MigrationState.FAILED);

        assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(migrations::migrate)
            .withMessageContaining("Fix the migration, clear its FAILED record with db:reset " + VERSION);

        TestMigration fixed = TestMigration.forwardOnly(VERSION, "Create invoices", (connection) -> new Schema(connection)
            .create("invoices", (table) -> {
                table.id();
                table.decimal("total", 10, 2);
            })
            .execute());
        Migrations fixedMigrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(fixed)
            .build();
        assertThat(fixedMigrations.reset(MigrationVersion.fromTimestamp(VERSION))).isTrue();
        assertThat(fixedMigrations.reset(MigrationVersion.fromTimestamp(VERSION))).isFalse();
        assertThat(fixedMigrations.migrate().count()).isEqualTo(1);
        assertThat(this.database.columns("invoices")).containsExactly("id", "total");
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("APPLIED");
    }

    @Test
    void failedNonTransactionalMigrationSaysTheSchemaNeedsAManualCheck() {
        this.database.execute("CREATE TABLE users (id bigint, email text)");
        TestMigration broken = TestMigration.nonTransactional(VERSION, "Index emails concurrently",
                (connection) -> connection.execute("CREATE INDEX CONCURRENTLY users_email_index ON users (nope)"));
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource()).migrations(broken).build();

        assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(migrations::migrate)
            .withMessageContaining("partially changed")
            .withMessageContaining("Check the database by hand");
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("FAILED");
    }
}
