package dev.saferoll.migrations.test;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.schema.ForeignKeyAction;
import dev.saferoll.migrations.test.RoundTripReport.Result;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static dev.saferoll.migrations.testing.TestMigration.forwardOnly;
import static dev.saferoll.migrations.testing.TestMigration.reversible;
import static dev.saferoll.migrations.testing.TestMigration.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MigrationRoundTripTests {

    private static final Migration CREATE_USERS = forwardOnly("2024_01_01_000000", "Create users and orders",
            schema((schema) -> schema.create("users", (table) -> {
                table.id();
                table.string("email");
                table.string("name").nullable();
                table.string("code", 20);
                table.integer("legacy_id").nullable();
            }).create("orders", (table) -> {
                table.id();
                table.bigInteger("user_id");
                table.integer("total").nullable();
            }).create("archived_users", (table) -> {
                table.id();
                table.string("email");
            })));

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
    void verifiesEveryReversibleCheatSheetOperation() {
        List<Migration> migrations = List.of(CREATE_USERS,
                reversible("2024_02_01_000000", "Create tags",
                        schema((schema) -> schema.create("tags", (table) -> {
                            table.id();
                            table.string("label").unique();
                        })), schema((schema) -> schema.dropIfExists("tags"))),
                reversible("2024_02_02_000000", "Add nullable users.nickname",
                        schema((schema) -> schema.table("users", (table) -> table.string("nickname").nullable())),
                        schema((schema) -> schema.table("users", (table) -> table.dropColumn("nickname")))),
                reversible("2024_02_03_000000", "Add users.status with default",
                        schema((schema) -> schema.table("users",
                                (table) -> table.string("status", 20).defaultTo("active"))),
                        schema((schema) -> schema.table("users", (table) -> table.dropColumn("status")))),
                reversible("2024_02_04_000000", "Rename users.name to full_name",
                        schema((schema) -> schema.table("users", (table) -> table.renameColumn("name", "full_name"))),
                        schema((schema) -> schema.table("users", (table) -> table.renameColumn("full_name", "name")))),
                reversible("2024_02_05_000000", "Index users.email",
                        schema((schema) -> schema.table("users",
                                (table) -> table.index("email").name("users_email_index"))),
                        schema((schema) -> schema.table("users", (table) -> table.dropIndex("users_email_index")))),
                reversible("2024_02_06_000000", "Drop index users_email_index",
                        schema((schema) -> schema.table("users", (table) -> table.dropIndex("users_email_index"))),
                        schema((schema) -> schema.table("users",
                                (table) -> table.index("email").name("users_email_index")))),
                reversible("2024_02_07_000000", "Add orders.user_id foreign key",
                        schema((schema) -> schema.table("orders", (table) -> table.foreign("user_id")
                            .references("id")
                            .on("users")
                            .onDelete(ForeignKeyAction.CASCADE)
                            .name("orders_user_id_foreign"))),
                        schema((schema) -> schema.table("orders",
                                (table) -> table.dropForeign("orders_user_id_foreign")))),
                reversible("2024_02_08_000000", "Drop orders.user_id foreign key",
                        schema((schema) -> schema.table("orders",
                                (table) -> table.dropForeign("orders_user_id_foreign"))),
                        schema((schema) -> schema.table("orders", (table) -> table.foreign("user_id")
                            .references("id")
                            .on("users")
                            .onDelete(ForeignKeyAction.CASCADE)
                            .name("orders_user_id_foreign")))),
                reversible("2024_02_09_000000", "Check orders.total is positive",
                        schema((schema) -> schema.table("orders",
                                (table) -> table.check("orders_total_positive", "total > 0"))),
                        schema((schema) -> schema.table("orders", (table) -> table.dropCheck("orders_total_positive")))),
                reversible("2024_02_10_000000", "Drop empty users.legacy_id",
                        schema((schema) -> schema.table("users", (table) -> table.dropColumn("legacy_id"))),
                        schema((schema) -> schema.table("users", (table) -> table.integer("legacy_id").nullable()))),
                reversible("2024_02_11_000000", "Drop empty archived_users",
                        schema((schema) -> schema.drop("archived_users")),
                        schema((schema) -> schema.create("archived_users", (table) -> {
                            table.id();
                            table.string("email");
                        }))));

        RoundTripReport report = MigrationRoundTrip.of(this.database.dataSource(), migrations).assertReversible();

        assertThat(report.entries()).extracting(RoundTripReport.Entry::result)
            .containsExactly(Result.FORWARD_ONLY, Result.VERIFIED, Result.VERIFIED, Result.VERIFIED, Result.VERIFIED,
                    Result.VERIFIED, Result.VERIFIED, Result.VERIFIED, Result.VERIFIED, Result.VERIFIED,
                    Result.VERIFIED, Result.VERIFIED);
        assertThat(report.isSuccessful()).isTrue();
        assertThat(report.describeFailures()).isEmpty();
        assertThat(this.database.tableExists("archived_users")).isFalse();
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations WHERE status = 'ROLLED_BACK'"))
            .isEqualTo(11);
    }

    @Test
    void assertAllReversiblePassesForAFacadeOfReversibleMigrations() {
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(CREATE_USERS, reversible("2024_02_01_000000", "Index users.email",
                    schema((schema) -> schema.table("users", (table) -> table.index("email").name("users_email_index"))),
                    schema((schema) -> schema.table("users", (table) -> table.dropIndex("users_email_index")))))
            .build();

        MigrationRoundTrip.assertAllReversible(migrations);

        assertThat(migrations.status().currentVersion()).contains(MigrationVersion.fromTimestamp("2024_02_01_000000"));
    }

    @Test
    void downThatForgetsToDropAnIndexFailsWithTheIndexInTheDiff() {
        Migration forgetful = reversible("2024_02_01_000000", "Index users.email",
                schema((schema) -> schema.table("users", (table) -> table.index("email").name("users_email_index"))),
                (connection) -> {
                });
        Migration later = reversible("2024_03_01_000000", "Add users.nickname",
                schema((schema) -> schema.table("users", (table) -> table.string("nickname").nullable())),
                schema((schema) -> schema.table("users", (table) -> table.dropColumn("nickname"))));

        MigrationRoundTrip roundTrip = MigrationRoundTrip.of(this.database.dataSource(),
                List.of(CREATE_USERS, forgetful, later));

        assertThatExceptionOfType(AssertionError.class).isThrownBy(roundTrip::assertReversible)
            .satisfies((error) -> assertThat(error.getMessage())
                .contains("1 of 3 migrations failed the rollback round trip")
                .contains("2024_02_01_000000 \"Index users.email\" FAILED")
                .contains("down() did not restore the schema from before up() (+ left behind, - missing, ~ changed):"
                        + "\n    + index users_email_index: CREATE INDEX users_email_index ON public.users "
                        + "USING btree (email)")
                .contains("up() failed when applied again after down()")
                .contains("users_email_index")
                .contains("2024_03_01_000000 \"Add users.nickname\" SKIPPED"));
    }

    @Test
    void downThatDropsAColumnUpDidNotAddFailsWithTheColumnInTheDiff() {
        Migration overeager = reversible("2024_02_01_000000", "Add users.nickname",
                schema((schema) -> schema.table("users", (table) -> table.string("nickname").nullable())),
                schema((schema) -> schema.table("users", (table) -> table.dropColumn("nickname", "legacy_id"))));

        RoundTripReport report = MigrationRoundTrip.of(this.database.dataSource(), List.of(CREATE_USERS, overeager))
            .verify();

        RoundTripReport.Entry entry = report.find(overeager.getVersion()).orElseThrow();
        assertThat(entry.result()).isEqualTo(Result.FAILED);
        assertThat(entry.diff()).containsExactly("- column users.legacy_id integer",
                "- column users.legacy_id integer");
        assertThat(entry.findings()).extracting(RoundTripReport.Finding::problem)
            .containsExactly("down() did not restore the schema from before up() (+ left behind, - missing, ~ changed):",
                    "up() after down() gave a different schema than the first up() (+ extra, - missing, ~ changed):");
        assertThat(report.isSuccessful()).isFalse();
        assertThat(report.failures()).containsExactly(entry);
    }

    @Test
    void downThatRestoresANotNullColumnAsNullableFailsWithTheNullabilityChange() {
        Migration careless = reversible("2024_02_01_000000", "Drop empty users.code",
                schema((schema) -> schema.table("users", (table) -> table.dropColumn("code"))),
                schema((schema) -> schema.table("users", (table) -> table.string("code", 20).nullable())));

        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> MigrationRoundTrip.of(this.database.dataSource(), List.of(CREATE_USERS, careless))
                .assertReversible())
            .withMessageContaining("2024_02_01_000000 \"Drop empty users.code\" FAILED")
            .withMessageContaining("~ column users.code: NOT NULL → nullable");
    }

    @Test
    void downThatLeavesATableBehindListsTheTableOnly() {
        Migration createTags = reversible("2024_02_01_000000", "Create tags",
                schema((schema) -> schema.create("tags", (table) -> {
                    table.id();
                    table.string("label");
                })), (connection) -> {
                });

        RoundTripReport report = MigrationRoundTrip.of(this.database.dataSource(), List.of(CREATE_USERS, createTags))
            .verify();

        assertThat(report.find(createTags.getVersion()).orElseThrow().diff()).containsExactly("+ table tags");
    }

    @Test
    void forwardOnlyMigrationIsReportedAsForwardOnlyAndNotAsAFailure() {
        Migration backfill = forwardOnly("2024_02_01_000000", "Lower-case emails",
                (connection) -> connection.execute("UPDATE users SET email = lower(email)"));

        RoundTripReport report = MigrationRoundTrip.of(this.database.dataSource(), List.of(CREATE_USERS, backfill))
            .assertReversible();

        assertThat(report.entries()).extracting(RoundTripReport.Entry::result)
            .containsExactly(Result.FORWARD_ONLY, Result.FORWARD_ONLY);
        assertThat(report.failures()).isEmpty();
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations WHERE status = 'APPLIED'"))
            .isEqualTo(2);
    }

    @Test
    void upThatFailsIsReportedAndStopsTheWalk() {
        Migration broken = forwardOnly("2024_02_01_000000", "Broken",
                (connection) -> connection.execute("ALTER TABLE no_such_table ADD COLUMN x integer"));
        Migration after = forwardOnly("2024_03_01_000000", "After", (connection) -> {
        });

        RoundTripReport report = MigrationRoundTrip.of(this.database.dataSource(),
                List.of(CREATE_USERS, broken, after)).verify();

        assertThat(report.entries()).extracting(RoundTripReport.Entry::result)
            .containsExactly(Result.FORWARD_ONLY, Result.FAILED, Result.SKIPPED);
        assertThat(report.describeFailures()).contains("2024_02_01_000000 \"Broken\" FAILED")
            .contains("up() failed: ")
            .contains("no_such_table")
            .contains("the round trip stopped at 2024_02_01_000000");
    }

    @Test
    void seededRowsMakeTheGuardRefuseDownUnlessRollbackIsForced() {
        Migration seeded = reversible("2024_02_01_000000", "Create and seed roles", (connection) -> {
            new dev.saferoll.migrations.schema.Schema(connection).create("roles", (table) -> {
                table.id();
                table.string("name");
            }).execute();
            connection.execute("INSERT INTO roles (name) VALUES ('admin'), ('user')");
        }, schema((schema) -> schema.dropIfExists("roles")));
        List<Migration> migrations = List.of(CREATE_USERS, seeded);

        RoundTripReport refused = MigrationRoundTrip.of(this.database.dataSource(), migrations).verify();
        assertThat(refused.find(seeded.getVersion()).orElseThrow().findings())
            .singleElement()
            .satisfies((finding) -> assertThat(finding.problem()).contains("the data-loss guard refused down()")
                .contains("delete 2 rows of roles")
                .contains("forceRollback(true)"));

        try (TestDatabase fresh = TestPostgres.createDatabase()) {
            RoundTripReport forced = MigrationRoundTrip.of(fresh.dataSource(), migrations)
                .forceRollback(true)
                .assertReversible();
            assertThat(forced.find(seeded.getVersion()).orElseThrow().result()).isEqualTo(Result.VERIFIED);
            assertThat(fresh.queryForLong("SELECT count(*) FROM roles")).isEqualTo(2);
        }
    }

    @Test
    void databaseThatHoldsTablesIsRefused() {
        this.database.execute("CREATE TABLE leftover (id integer)");

        assertThatIllegalStateException()
            .isThrownBy(() -> MigrationRoundTrip.of(this.database.dataSource(), List.of(CREATE_USERS)).verify())
            .withMessageContaining("needs an empty schema")
            .withMessageContaining("schema 'public' already holds table leftover")
            .withMessageContaining("migrations.run-on-startup=false");
        assertThat(this.database.tableExists("users")).isFalse();
    }

    @Test
    void databaseWithAppliedMigrationsIsRefused() {
        Migration noSchema = forwardOnly("2024_01_01_000000", "Touch nothing", (connection) -> {
        });
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource()).migrations(noSchema).build();
        migrations.migrate();

        assertThatIllegalStateException().isThrownBy(() -> MigrationRoundTrip.assertAllReversible(migrations))
            .withMessageContaining("history already records 2024_01_01_000000 (APPLIED)");
    }

    @Test
    void usesTheFacadesHistoryTable() {
        Migration createTags = reversible("2024_02_01_000000", "Create tags",
                schema((schema) -> schema.create("tags", (table) -> table.id())),
                schema((schema) -> schema.dropIfExists("tags")));
        List<Migration> all = new ArrayList<>(List.of(CREATE_USERS, createTags));
        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .table("migration_history")
            .migrations(all)
            .build();

        RoundTripReport report = MigrationRoundTrip.of(migrations).assertReversible();

        assertThat(report.entries()).hasSize(2);
        assertThat(this.database.tableExists("migration_history")).isTrue();
        assertThat(this.database.tableExists("schema_migrations")).isFalse();
    }
}
