package dev.saferoll.migrations.runner;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationAdvice;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationOutcome.Outcome;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code down()} follows {@code up()}: a non-transactional migration rolls back outside a transaction, so the mirror
 * of a concurrent index build works, while the data-loss guard still runs and a failure gets rollback advice.
 */
class NonTransactionalRollbackTests {

    private static final Migration USERS = TestMigration.forwardOnly("2024_01_01_000000", "Create users",
            TestMigration.schema((schema) -> schema.create("users", (table) -> {
                table.id();
                table.string("email");
            })));

    private static final Migration INDEX_CONCURRENTLY = new NonTransactional("2024_01_02_000000",
            "Index users.email concurrently",
            TestMigration.schema((schema) -> schema.table("users", (table) -> table.index("email")
                .name("users_email_index")
                .concurrently())),
            TestMigration.schema((schema) -> schema.table("users", (table) -> table.dropIndex("users_email_index")
                .concurrently())));

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
    void concurrentIndexRollsBackOutsideATransaction() {
        Migrations migrations = migrations(INDEX_CONCURRENTLY);
        migrations.migrate();
        assertThat(indexes()).containsExactly("users_email_index");

        RollbackResult dryRun = migrations.rollback(1, RollbackOptions.defaults().withDryRun(true));
        assertThat(dryRun.migrations().get(0).outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(dryRun.migrations().get(0).statements()).containsExactly(
                "DROP INDEX CONCURRENTLY \"users_email_index\"");
        assertThat(dryRun.migrations().get(0).notes()).anyMatch((note) -> note.startsWith("statements only"));
        assertThat(indexes()).containsExactly("users_email_index");

        RollbackResult rollback = migrations.rollback(1, RollbackOptions.defaults());
        assertThat(rollback.migrations().get(0).outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(indexes()).isEmpty();
        assertThat(migrations.status().find(INDEX_CONCURRENTLY.getVersion()).get().state())
            .isEqualTo(MigrationState.ROLLED_BACK);
        assertThat(migrations.migrate().count()).isEqualTo(1);
        assertThat(indexes()).containsExactly("users_email_index");
    }

    @Test
    void dataLossGuardStillRunsOutsideATransaction() {
        Migration addNickname = new NonTransactional("2024_01_02_000000", "Add users.nickname",
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.string("nickname")
                    .nullable())),
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.dropColumn("nickname"))));
        Migrations migrations = migrations(addNickname);
        migrations.migrate();
        this.database.execute("INSERT INTO users (email, nickname) VALUES ('a@example.com', 'Ada')");

        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining("delete 1 non-null value of users.nickname");
        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults().withDryRun(true)));
        assertThat(this.database.columns("users")).contains("nickname");
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations ORDER BY id"))
            .containsExactly("APPLIED", "APPLIED");
    }

    @Test
    void failedRollbackGetsRollbackAdviceNotReset() {
        Migration broken = new NonTransactional("2024_01_02_000000", "Index with a broken down()",
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.index("email")
                    .name("users_email_index")
                    .concurrently())),
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.dropIndex("no_such_index")
                    .concurrently())));
        Migrations migrations = migrations(broken);
        migrations.migrate();

        assertThatExceptionOfType(MigrationExecutionException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .satisfies((ex) -> {
                assertThat(ex.getDescription()).contains("Rollback of 2024_01_02_000000")
                    .contains("outside a transaction");
                assertThat(ex.getRecommendation()).isEqualTo(MigrationAdvice.rollbackFailed())
                    .doesNotContain("db:reset");
            });
        assertThat(migrations.status().find(broken.getVersion()).get().state()).isEqualTo(MigrationState.APPLIED);
    }

    private List<String> indexes() {
        return this.database.queryForStrings("SELECT indexname FROM pg_indexes WHERE tablename = 'users' "
                + "AND indexname <> 'users_pkey' ORDER BY 1");
    }

    private Migrations migrations(Migration change) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(List.of(USERS, change)).build();
    }

    /** A reversible migration that runs outside a transaction, both ways. */
    private static final class NonTransactional extends TestMigration implements SafelyReversible {

        private final Step down;

        NonTransactional(String version, String description, Step up, Step down) {
            super(MigrationVersion.fromTimestamp(version), description, up, false);
            this.down = down;
        }

        @Override
        public void down(MigrationConnection connection) throws Exception {
            this.down.run(connection);
        }
    }
}
