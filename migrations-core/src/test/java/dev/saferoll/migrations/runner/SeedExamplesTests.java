package dev.saferoll.migrations.runner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.ForeignKeyAction;
import dev.saferoll.migrations.schema.IndexName;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;
import dev.saferoll.migrations.testing.SchemaSnapshot;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The seed's three example migrations and its two-step column rename, ported to Java. */
class SeedExamplesTests {

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
    void seedExamplesApplyAndOnlyTheSafeOnesRollBack() {
        Migrations migrations = migrations(new CreateUsersTable(), new CreateUserProfilesTable(),
                new RemoveLegacyIdColumn(), new RestoreDeprecatedField());
        assertThat(migrations.migrate().count()).isEqualTo(4);
        assertThat(this.database.columns("users")).containsExactly("ulid", "email", "deprecated_field");
        assertThat(this.database.tableExists("user_profiles")).isTrue();

        migrations.rollback(1, RollbackOptions.defaults());
        assertThat(this.database.columns("users")).containsExactly("ulid", "email");

        SchemaSnapshot schema = SchemaSnapshot.of(this.database);
        assertThatExceptionOfType(RollbackRefusedException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining("Migration 2024_01_15_150000")
            .withMessageContaining("does not support safe rollback")
            .withMessageContaining("Create a new forward migration to undo the changes instead")
            .withMessageContaining("make:migration FixYourChanges")
            .satisfies((ex) -> assertThat(ex.getVersion().value()).isEqualTo("2024_01_15_150000"));
        assertThat(SchemaSnapshot.of(this.database)).isEqualTo(schema);

        MigrationStatus status = migrations.status();
        assertThat(status.find(MigrationVersion.fromTimestamp("2024_01_15_160000")).get().state())
            .isEqualTo(MigrationState.ROLLED_BACK);
        assertThat(status.find(MigrationVersion.fromTimestamp("2024_01_15_150000")).get().state())
            .isEqualTo(MigrationState.APPLIED);
        assertThat(migrations.migrate().count()).isEqualTo(1);
        assertThat(this.database.columns("users")).contains("deprecated_field");
    }

    @Test
    void createUserProfilesTableRollsBackAndReapplies() {
        Migrations migrations = migrations(new CreateUsersTable(), new CreateUserProfilesTable());
        migrations.migrate();
        migrations.rollback(1, RollbackOptions.defaults());
        assertThat(this.database.tableExists("user_profiles")).isFalse();
        migrations.migrate();
        assertThat(this.database.columns("user_profiles")).containsExactly("ulid", "user_id", "bio", "avatar_url",
                "website", "created_at", "updated_at");
    }

    @Test
    void twoStepEmailRenameKeepsDataAndTheGuardCatchesTheCopiedValues() {
        Migrations first = migrations(new CreateUsersTable());
        first.migrate();
        this.database.execute("INSERT INTO users (ulid, email) VALUES ('01HZX', 'ada@example.com')");

        Migrations second = migrations(new CreateUsersTable(), new AddNewEmailColumn());
        second.migrate();
        assertThat(this.database.queryForStrings("SELECT email_address FROM users")).containsExactly("ada@example.com");
        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> second.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining("delete 1 non-null value of users.email_address");
        assertThat(this.database.columns("users")).contains("email_address");

        Migrations third = migrations(new CreateUsersTable(), new AddNewEmailColumn(), new DropOldEmailColumn());
        third.migrate();
        assertThat(this.database.columns("users")).doesNotContain("email").contains("email_address");
        assertThatExceptionOfType(RollbackRefusedException.class)
            .isThrownBy(() -> third.rollback(2, RollbackOptions.defaults()))
            .withMessageContaining("2024_01_16_110000");
        assertThat(this.database.queryForStrings("SELECT email_address FROM users")).containsExactly("ada@example.com");
    }

    private Migrations migrations(Migration... migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations).build();
    }

    /** The users table the seed's examples assume. */
    static final class CreateUsersTable implements Migration {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.create(TableName.fromString("users"), (table) -> {
                table.string(ColumnName.fromString("ulid"), 26).primary();
                table.string("email");
                table.integer("legacy_id").nullable();
            });
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromString("2024_01_15_120000");
        }

        @Override
        public String getDescription() {
            return "Create users table";
        }

        @Override
        public String getDomain() {
            return "User";
        }
    }

    /** SAFE: a new table can be dropped without data loss (the guard checks that it is still empty). */
    static final class CreateUserProfilesTable implements Migration, SafelyReversible {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.create(TableName.fromString("user_profiles"), (table) -> {
                table.string(ColumnName.fromString("ulid"), 26).primary();
                table.string(ColumnName.fromString("user_id"), 26);
                table.string(ColumnName.fromString("bio")).nullable();
                table.string(ColumnName.fromString("avatar_url")).nullable();
                table.string(ColumnName.fromString("website")).nullable();
                table.timestamps();
                table.foreign(ColumnName.fromString("user_id"))
                    .references(ColumnName.fromString("ulid"))
                    .on(TableName.fromString("users"))
                    .onDelete(ForeignKeyAction.CASCADE);
                table.index(ColumnName.fromString("user_id"), IndexName.fromString("idx_user_profiles_user_id"));
            });
            schema.execute();
        }

        @Override
        public void down(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.dropIfExists(TableName.fromString("user_profiles"));
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromString("2024_01_15_143000");
        }

        @Override
        public String getDescription() {
            return "Create user_profiles table";
        }

        @Override
        public String getDomain() {
            return "User";
        }
    }

    /** UNSAFE: dropping a column with data is not reversible; use a fix-forward migration. */
    static final class RemoveLegacyIdColumn implements Migration {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("users", (table) -> table.dropColumn("legacy_id"));
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromString("2024_01_15_150000");
        }

        @Override
        public String getDescription() {
            return "Remove deprecated legacy_id column from users table";
        }
    }

    /** Fix-forward; SAFE because the restored column is empty and can be dropped again. */
    static final class RestoreDeprecatedField implements Migration, SafelyReversible {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("users", (table) -> table.string("deprecated_field").nullable());
            schema.execute();
        }

        @Override
        public void down(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("users", (table) -> table.dropColumn("deprecated_field"));
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromString("2024_01_15_160000");
        }

        @Override
        public String getDescription() {
            return "Restore deprecated_field column to users table";
        }
    }

    /** Step 1 of the rename: add the new column and copy the data. */
    static final class AddNewEmailColumn implements Migration, SafelyReversible {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("users", (table) -> table.string("email_address").nullable());
            schema.execute();
            connection.execute("UPDATE users SET email_address = email WHERE email_address IS NULL");
        }

        @Override
        public void down(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("users", (table) -> table.dropColumn("email_address"));
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromString("2024_01_16_100000");
        }

        @Override
        public String getDescription() {
            return "Add users.email_address and copy email into it";
        }
    }

    /** Step 2, after the code uses email_address: drop the old column. Forward-only. */
    static final class DropOldEmailColumn implements Migration {

        @Override
        public void up(MigrationConnection connection) {
            Schema schema = new Schema(connection);
            schema.table("users", (table) -> table.dropColumn("email"));
            schema.execute();
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromString("2024_01_16_110000");
        }

        @Override
        public String getDescription() {
            return "Drop users.email";
        }
    }
}
