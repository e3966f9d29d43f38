package dev.saferoll.migrations.runner;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationOutcome.Outcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.schema.ForeignKeyAction;
import dev.saferoll.migrations.schema.Grammar;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One builder-only migration set, run unchanged on every dialect, and what each dialect's transactions make of a
 * failure, a dry run and a rollback's dry run. Where DDL commits implicitly (H2, MySQL), a migration is recorded as
 * in progress before it runs, a failure may leave part of it behind, and dry runs only record statements.
 */
abstract class PortableMigrationTests {

    static final List<Migration> PET_CLINIC = List.of(
            TestMigration.forwardOnly("2024_01_15_143000", "Create vets", TestMigration.schema((schema) -> schema
                .create("vets", (table) -> {
                    table.increments("id");
                    table.string("first_name", 30);
                    table.string("last_name", 30);
                    table.index("last_name");
                }))),
            TestMigration.forwardOnly("2024_01_15_143100", "Create owners and pets", TestMigration.schema((schema) -> {
                schema.create("owners", (table) -> {
                    table.id();
                    table.string("email");
                    table.bool("active").defaultTo(true);
                    table.uniqueConstraint("email");
                    table.timestamps();
                });
                schema.create("pets", (table) -> {
                    table.id();
                    table.string("name", 30);
                    table.date("birth_date").nullable();
                    table.decimal("weight", 5, 2).nullable();
                    table.bigInteger("owner_id");
                    table.foreign("owner_id").references("id").on("owners").onDelete(ForeignKeyAction.CASCADE);
                    table.check("pets_weight_check", "weight > 0");
                });
            })),
            TestMigration.forwardOnly("2024_01_15_143200", "Index pets by name", TestMigration.schema((schema) -> schema
                .table("pets", (table) -> table.index("name")))),
            TestMigration.forwardOnly("2024_01_15_143300", "Create visits", TestMigration.schema((schema) -> schema
                .create("visits", (table) -> {
                    table.id();
                    table.bigInteger("pet_id");
                    table.text("description").nullable();
                    table.foreign("pet_id").references("id").on("pets");
                }))));

    private TestDatabase database;

    /** A new, empty database of the dialect. */
    protected abstract TestDatabase createDatabase();

    @BeforeEach
    void createTheDatabase() {
        this.database = createDatabase();
    }

    @AfterEach
    void dropTheDatabase() {
        this.database.close();
    }

    private boolean transactionalDdl() {
        return Grammar.of(this.database.dialect()).supportsTransactionalDdl();
    }

    @Test
    void builderOnlyMigrationsRunUnchanged() {
        Migrations migrations = migrations(PET_CLINIC);
        assertThat(migrations.migrate().count()).isEqualTo(4);
        assertThat(migrations.status().entries()).extracting((entry) -> entry.state())
            .containsOnly(MigrationState.APPLIED);
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations ORDER BY id"))
            .containsExactly("APPLIED", "APPLIED", "APPLIED", "APPLIED");
        assertThat(this.database.columns("pets")).containsExactly("id", "name", "birth_date", "weight", "owner_id");
        this.database.execute("INSERT INTO owners (email) VALUES ('jean@example.com')");
        this.database.execute("INSERT INTO pets (name, owner_id) SELECT 'Leo', id FROM owners");
        assertThat(this.database.queryForStrings("SELECT active FROM owners")).hasSize(1);
        assertThatIllegalStateException().as("the unique constraint")
            .isThrownBy(() -> this.database.execute("INSERT INTO owners (email) VALUES ('jean@example.com')"));
        assertThatIllegalStateException().as("the check constraint")
            .isThrownBy(() -> this.database.execute("INSERT INTO pets (name, owner_id, weight) "
                    + "SELECT 'Max', id, -1 FROM owners"));
        assertThat(migrations.migrate().count()).isZero();
    }

    @Test
    void historyHoldsOneAppliedOrFailedRowPerVersionEvenWithoutTheLock() {
        migrations(PET_CLINIC.subList(0, 1)).migrate();
        String insert = "INSERT INTO schema_migrations (version, description, domain, reversible, status, applied_at, "
                + "applied_by, execution_time_ms) VALUES ('2024_01_15_143000', 'again', 'Test', FALSE, '%s', "
                + "CURRENT_TIMESTAMP, 'test', 0)";
        assertThatIllegalStateException().isThrownBy(() -> this.database.execute(insert.formatted("APPLIED")));
        assertThatIllegalStateException().isThrownBy(() -> this.database.execute(insert.formatted("FAILED")));
        this.database.execute(insert.formatted("ROLLED_BACK"));
        this.database.execute(insert.formatted("ROLLED_BACK"));
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations")).isEqualTo(3);
    }

    @Test
    void failedMigrationIsRecordedWithTheAdviceItsTransactionAllows() {
        Migration failing = TestMigration.forwardOnly("2024_02_01_000000", "Create tags, then fail", (connection) -> {
            new Schema(connection).create("tags", (table) -> table.id()).execute();
            connection.execute("INSERT INTO missing_table (id) VALUES (1)");
        });
        assertThatExceptionOfType(MigrationExecutionException.class)
            .isThrownBy(() -> migrations(List.of(failing)).migrate())
            .satisfies((ex) -> {
                assertThat(ex.getVersion()).isEqualTo(failing.getVersion());
                if (transactionalDdl()) {
                    assertThat(ex.getDescription()).contains("Nothing of this migration was applied");
                    assertThat(ex.getRecommendation()).startsWith("Fix the migration");
                }
                else {
                    assertThat(ex.getDescription()).contains("outside a transaction");
                    assertThat(ex.getRecommendation()).contains("Check the database by hand")
                        .contains("db:reset 2024_02_01_000000");
                }
            });
        assertThat(this.database.tableExists("tags")).isEqualTo(!transactionalDdl());
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("FAILED");
    }

    @Test
    void dryRunExecutesOnlyWhereItCanBeRolledBack() {
        MigrateResult dryRun = migrations(PET_CLINIC).migrate(MigrateOptions.defaults().withDryRun(true));
        assertThat(dryRun.migrations()).hasSize(4);
        assertThat(dryRun.migrations().get(0).statements()).anyMatch((sql) -> sql.startsWith("CREATE TABLE"));
        if (transactionalDdl()) {
            assertThat(dryRun.migrations()).extracting((outcome) -> outcome.outcome()).containsOnly(Outcome.DRY_RUN);
        }
        else {
            assertThat(dryRun.migrations()).extracting((outcome) -> outcome.outcome()).containsOnly(Outcome.PREVIEW);
            assertThat(dryRun.migrations().get(0).notes()).anyMatch((note) -> note.startsWith("statements only: "
                    + this.database.dialect().displayName() + " commits DDL implicitly"));
        }
        assertThat(this.database.tableExists("vets")).isFalse();
        assertThat(this.database.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void rollbackDryRunChangesNothingAndRealRollbackRestores() {
        Migration tags = TestMigration.reversible("2024_02_01_000000", "Create tags",
                TestMigration.schema((schema) -> schema.create("tags", (table) -> table.id())),
                TestMigration.schema((schema) -> schema.drop("tags")));
        Migrations migrations = migrations(List.of(tags));
        migrations.migrate();

        RollbackResult dryRun = migrations.rollback(1, RollbackOptions.defaults().withDryRun(true));
        assertThat(dryRun.migrations().get(0).outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(dryRun.migrations().get(0).statements()).hasSize(1);
        if (!transactionalDdl()) {
            assertThat(dryRun.migrations().get(0).notes()).anyMatch((note) -> note.startsWith("statements only"));
        }
        assertThat(this.database.tableExists("tags")).isTrue();

        migrations.rollback(1, RollbackOptions.defaults());
        assertThat(this.database.tableExists("tags")).isFalse();
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly(
                "ROLLED_BACK");
    }

    @Test
    void firstRunOnASchemaMadeWithoutSaferollPointsToTheExactBaseline() {
        migrations(PET_CLINIC.subList(0, 2)).migrate();
        this.database.execute("DROP TABLE schema_migrations");
        Migrations migrations = migrations(PET_CLINIC);

        MigrationVersion first = PET_CLINIC.get(0).getVersion();
        MigrationVersion third = PET_CLINIC.get(2).getVersion();
        assertThatExceptionOfType(MigrationExecutionException.class).isThrownBy(migrations::migrate)
            .satisfies((ex) -> {
                assertThat(ex.getDescription()).contains("history was empty")
                    .contains("already has the tables of the migrations up to " + PET_CLINIC.get(1).getVersion());
                assertThat(ex.getRecommendation()).contains("db:reset " + first)
                    .contains("db:baseline " + PET_CLINIC.get(1).getVersion());
            });

        assertThat(migrations.reset(first)).isTrue();
        assertThat(migrations.baseline(PET_CLINIC.get(1).getVersion())).hasSize(2);
        assertThat(migrations.migrate().count()).isEqualTo(2);
        assertThat(migrations.status().find(third).get().state()).isEqualTo(MigrationState.APPLIED);
        assertThat(this.database.tableExists("visits")).isTrue();
    }

    private Migrations migrations(List<Migration> migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations).build();
    }
}
