package dev.saferoll.migrations.runner;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.testing.SchemaSnapshot;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every line of the seed's "Safe vs Unsafe Cheatsheet": safely reversible operations survive up, down, up with the
 * schema restored exactly; forward-only ones refuse rollback and change nothing.
 */
class CheatSheetTests {

    private static final Migration BASE = TestMigration.forwardOnly("2024_01_01_000000", "Create users and orders",
            (connection) -> {
                Schema schema = new Schema(connection);
                schema.create("users", (table) -> {
                    table.id();
                    table.string("email");
                    table.string("name").nullable();
                    table.integer("legacy_id").nullable();
                    table.string("age", 10).nullable();
                });
                schema.create("orders", (table) -> {
                    table.id();
                    table.bigInteger("user_id");
                });
                schema.create("archived_users", (table) -> {
                    table.id();
                    table.string("email");
                });
                schema.execute();
            });

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        migrations().migrate();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void createTableIsSafelyReversible() {
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Create tags",
                (connection) -> schema(connection).create("tags", (table) -> {
                    table.id();
                    table.string("label");
                }).execute(), (connection) -> schema(connection).dropIfExists("tags").execute()));
    }

    @Test
    void dropEmptyTableIsSafelyReversible() {
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Drop empty archived_users",
                (connection) -> schema(connection).drop("archived_users").execute(),
                (connection) -> schema(connection).create("archived_users", (table) -> {
                    table.id();
                    table.string("email");
                }).execute()));
    }

    @Test
    void dropTableWithDataIsForwardOnly() {
        this.database.execute("INSERT INTO archived_users (email) VALUES ('old@example.com')");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Drop archived_users with data",
                (connection) -> schema(connection).drop("archived_users").execute()));
        assertThat(this.database.tableExists("archived_users")).isFalse();
    }

    @Test
    void addNullableColumnIsSafelyReversible() {
        this.database.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Add users.nickname",
                (connection) -> schema(connection).table("users", (table) -> table.string("nickname").nullable())
                    .execute(),
                (connection) -> schema(connection).table("users", (table) -> table.dropColumn("nickname")).execute()));
    }

    @Test
    void addNotNullColumnWithDefaultIsReversibleOnlyWhileNoRowHoldsIt() {
        Migration addStatus = TestMigration.reversible("2024_02_01_000000", "Add users.status",
                (connection) -> schema(connection)
                    .table("users", (table) -> table.string("status", 20).defaultTo("active"))
                    .execute(),
                (connection) -> schema(connection).table("users", (table) -> table.dropColumn("status")).execute());
        assertRoundTrip(addStatus);

        this.database.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        Migrations migrations = migrations(addStatus);
        SchemaSnapshot schema = SchemaSnapshot.of(this.database);
        List<String> history = history();
        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining("delete 1 non-null value of users.status");
        assertThat(SchemaSnapshot.of(this.database)).isEqualTo(schema);
        assertThat(history()).isEqualTo(history);
    }

    @Test
    void dropEmptyColumnIsSafelyReversible() {
        this.database.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Drop empty users.legacy_id",
                (connection) -> schema(connection).table("users", (table) -> table.dropColumn("legacy_id")).execute(),
                (connection) -> schema(connection).table("users", (table) -> table.integer("legacy_id").nullable())
                    .execute()));
    }

    @Test
    void dropColumnWithDataIsForwardOnly() {
        this.database.execute("INSERT INTO users (email, legacy_id) VALUES ('a@example.com', 7)");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Drop users.legacy_id",
                (connection) -> schema(connection).table("users", (table) -> table.dropColumn("legacy_id"))
                    .execute()));
        assertThat(this.database.columns("users")).doesNotContain("legacy_id");
    }

    @Test
    void renameColumnIsSafelyReversible() {
        this.database.execute("INSERT INTO users (email, name) VALUES ('a@example.com', 'Ada')");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Rename users.name to full_name",
                (connection) -> schema(connection).table("users", (table) -> table.renameColumn("name", "full_name"))
                    .execute(),
                (connection) -> schema(connection).table("users", (table) -> table.renameColumn("full_name", "name"))
                    .execute()));
        assertThat(this.database.queryForStrings("SELECT full_name FROM users")).containsExactly("Ada");
    }

    @Test
    void changeColumnTypeIsForwardOnly() {
        this.database.execute("INSERT INTO users (email, age) VALUES ('a@example.com', '42')");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Change users.age to integer",
                (connection) -> connection.execute("ALTER TABLE users ALTER COLUMN age TYPE integer USING age::integer")));
        assertThat(this.database.queryForStrings("SELECT data_type FROM information_schema.columns "
                + "WHERE table_name = 'users' AND column_name = 'age'")).containsExactly("integer");
    }

    @Test
    void createIndexIsSafelyReversible() {
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Index users.email",
                (connection) -> schema(connection).table("users", (table) -> table.index("email")
                    .name("users_email_index")).execute(),
                (connection) -> schema(connection).table("users", (table) -> table.dropIndex("users_email_index"))
                    .execute()));
    }

    @Test
    void dropIndexIsSafelyReversible() {
        this.database.execute("CREATE INDEX users_name_index ON users (name)");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Drop index users_name_index",
                (connection) -> schema(connection).table("users", (table) -> table.dropIndex("users_name_index"))
                    .execute(),
                (connection) -> schema(connection).table("users", (table) -> table.index("name")
                    .name("users_name_index")).execute()));
    }

    @Test
    void addForeignKeyIsSafelyReversible() {
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Add orders.user_id foreign key",
                (connection) -> schema(connection).table("orders", (table) -> table.foreign("user_id")
                    .references("id")
                    .on("users")
                    .name("orders_user_id_foreign")).execute(),
                (connection) -> schema(connection).table("orders",
                        (table) -> table.dropForeign("orders_user_id_foreign")).execute()));
    }

    @Test
    void dropForeignKeyIsSafelyReversible() {
        this.database.execute("ALTER TABLE orders ADD CONSTRAINT orders_user_id_foreign FOREIGN KEY (user_id) "
                + "REFERENCES users (id)");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Drop orders.user_id foreign key",
                (connection) -> schema(connection).table("orders",
                        (table) -> table.dropForeign("orders_user_id_foreign")).execute(),
                (connection) -> schema(connection).table("orders", (table) -> table.foreign("user_id")
                    .references("id")
                    .on("users")
                    .name("orders_user_id_foreign")).execute()));
    }

    @Test
    void transformDataIsForwardOnly() {
        this.database.execute("INSERT INTO users (email) VALUES ('A@Example.com')");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Lower-case emails",
                (connection) -> connection.execute("UPDATE users SET email = lower(email)")));
        assertThat(this.database.queryForStrings("SELECT email FROM users")).containsExactly("a@example.com");
    }

    @Test
    void deleteDataIsForwardOnly() {
        this.database.execute("INSERT INTO users (email, name) VALUES ('a@example.com', 'spam')");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Delete spam users",
                (connection) -> connection.execute("DELETE FROM users WHERE name = ?", "spam")));
        assertThat(this.database.queryForLong("SELECT count(*) FROM users")).isZero();
    }

    @Test
    void mergeTablesIsForwardOnly() {
        this.database.execute("INSERT INTO archived_users (email) VALUES ('old@example.com')");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Merge archived_users into users",
                (connection) -> {
                    connection.execute("INSERT INTO users (email) SELECT email FROM archived_users");
                    schema(connection).drop("archived_users").execute();
                }));
        assertThat(this.database.queryForStrings("SELECT email FROM users")).containsExactly("old@example.com");
    }

    @Test
    void safelyReversibleCreateTableWhoseTableNowHoldsRowsIsRefusedUnlessForced() {
        Migration createTags = TestMigration.reversible("2024_02_01_000000", "Create tags",
                (connection) -> schema(connection).create("tags", (table) -> {
                    table.id();
                    table.string("label");
                }).execute(), (connection) -> schema(connection).dropIfExists("tags").execute());
        Migrations migrations = migrations(createTags);
        migrations.migrate();
        this.database.execute("INSERT INTO tags (label) SELECT 'tag ' || n FROM generate_series(1, 1234) n");
        SchemaSnapshot schema = SchemaSnapshot.of(this.database);
        List<String> history = history();

        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining("2024_02_01_000000")
            .withMessageContaining("delete 1,234 rows of tags")
            .withMessageContaining("--allow-data-loss");
        assertThat(SchemaSnapshot.of(this.database)).isEqualTo(schema);
        assertThat(history()).isEqualTo(history);
        assertThat(this.database.queryForLong("SELECT count(*) FROM tags")).isEqualTo(1234);

        RollbackResult forced = migrations.rollback(1, RollbackOptions.defaults().withAllowDataLoss(true));
        assertThat(forced.migrations().get(0).notes()).anyMatch((note) -> note.contains("1,234 rows of tags"));
        assertThat(this.database.tableExists("tags")).isFalse();
    }

    private void assertRoundTrip(Migration change) {
        migrations().migrate();
        SchemaSnapshot before = SchemaSnapshot.of(this.database);
        Migrations migrations = migrations(change);
        migrations.migrate();
        SchemaSnapshot afterUp = SchemaSnapshot.of(this.database);
        assertThat(afterUp).isNotEqualTo(before);

        RollbackResult rollback = migrations.rollback(1, RollbackOptions.defaults());
        assertThat(rollback.migrations()).extracting((outcome) -> outcome.version().value())
            .containsExactly(change.getVersion().value());
        assertThat(SchemaSnapshot.of(this.database)).isEqualTo(before);

        migrations.migrate();
        assertThat(SchemaSnapshot.of(this.database)).isEqualTo(afterUp);
        assertThat(history()).hasSize(3).anyMatch((row) -> row.contains("ROLLED_BACK"));
    }

    private void assertRollbackRefused(Migration change) {
        migrations().migrate();
        Migrations migrations = migrations(change);
        migrations.migrate();
        SchemaSnapshot schema = SchemaSnapshot.of(this.database);
        List<String> history = history();
        List<String> data = this.database.queryForStrings("SELECT string_agg(t::text, ',') FROM (SELECT * FROM users) t");

        assertThatExceptionOfType(RollbackRefusedException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining(change.getVersion().value())
            .withMessageContaining("does not support safe rollback")
            .withMessageContaining("make:migration");
        assertThat(SchemaSnapshot.of(this.database)).isEqualTo(schema);
        assertThat(history()).isEqualTo(history);
        assertThat(this.database.queryForStrings("SELECT string_agg(t::text, ',') FROM (SELECT * FROM users) t"))
            .isEqualTo(data);
    }

    private Migrations migrations(Migration... more) {
        List<Migration> all = new ArrayList<>();
        all.add(BASE);
        all.addAll(List.of(more));
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(all).build();
    }

    private List<String> history() {
        return this.database.queryForStrings("SELECT id || ' ' || version || ' ' || status || ' ' "
                + "|| coalesce(rolled_back_at::text, '-') FROM schema_migrations ORDER BY id");
    }

    private static Schema schema(dev.saferoll.migrations.MigrationConnection connection) {
        return new Schema(connection);
    }
}
