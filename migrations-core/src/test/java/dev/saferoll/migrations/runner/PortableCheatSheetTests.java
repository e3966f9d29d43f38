package dev.saferoll.migrations.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.database.SchemaSnapshotQueries;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The seed's "Safe vs Unsafe Cheatsheet" on a dialect other than PostgreSQL ({@link CheatSheetTests} covers that
 * one), with builder migrations and SQL that every dialect reads alike. The schema is compared through the
 * dialect's own catalog queries. Safely reversible operations survive up, down, up with the schema restored exactly;
 * forward-only ones refuse rollback and change nothing.
 */
abstract class PortableCheatSheetTests {

    private static final Migration BASE = TestMigration.forwardOnly("2024_01_01_000000", "Create users and orders",
            TestMigration.schema((schema) -> {
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
            }));

    private TestDatabase database;

    /** A new, empty database of the dialect. */
    protected abstract TestDatabase createDatabase();

    @BeforeEach
    void migrateBase() {
        this.database = createDatabase();
        migrations().migrate();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void createTableIsSafelyReversible() {
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Create tags",
                TestMigration.schema((schema) -> schema.create("tags", (table) -> {
                    table.id();
                    table.string("label");
                    table.uniqueConstraint("label");
                })), TestMigration.schema((schema) -> schema.dropIfExists("tags"))));
    }

    @Test
    void dropEmptyTableIsSafelyReversible() {
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Drop empty archived_users",
                TestMigration.schema((schema) -> schema.drop("archived_users")),
                TestMigration.schema((schema) -> schema.create("archived_users", (table) -> {
                    table.id();
                    table.string("email");
                }))));
    }

    @Test
    void dropTableWithDataIsForwardOnly() {
        this.database.execute("INSERT INTO archived_users (email) VALUES ('old@example.com')");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Drop archived_users with data",
                TestMigration.schema((schema) -> schema.drop("archived_users"))));
        assertThat(this.database.tableExists("archived_users")).isFalse();
    }

    @Test
    void addNullableColumnIsSafelyReversible() {
        this.database.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Add users.nickname",
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.string("nickname").nullable())),
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.dropColumn("nickname")))));
    }

    @Test
    void addNotNullColumnWithDefaultIsReversibleOnlyWhileNoRowHoldsIt() {
        Migration addStatus = TestMigration.reversible("2024_02_01_000000", "Add users.status",
                TestMigration.schema((schema) -> schema.table("users",
                        (table) -> table.string("status", 20).defaultTo("active"))),
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.dropColumn("status"))));
        assertRoundTrip(addStatus);

        this.database.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        Migrations migrations = migrations(addStatus);
        List<String> schema = snapshot();
        List<String> history = history();
        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .satisfies((ex) -> assertThat(ex.getMessage())
                .containsIgnoringCase("delete 1 non-null value of users.status"));
        assertThat(snapshot()).isEqualTo(schema);
        assertThat(history()).isEqualTo(history);
    }

    @Test
    void dropEmptyColumnIsSafelyReversible() {
        this.database.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Drop empty users.legacy_id",
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.dropColumn("legacy_id"))),
                TestMigration.schema((schema) -> schema.table("users",
                        (table) -> table.integer("legacy_id").nullable()))));
    }

    @Test
    void dropColumnWithDataIsForwardOnly() {
        this.database.execute("INSERT INTO users (email, legacy_id) VALUES ('a@example.com', 7)");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Drop users.legacy_id",
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.dropColumn("legacy_id")))));
        assertThat(this.database.columns("users")).doesNotContain("legacy_id");
    }

    @Test
    void renameColumnIsSafelyReversible() {
        this.database.execute("INSERT INTO users (email, name) VALUES ('a@example.com', 'Ada')");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Rename users.name to full_name",
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.renameColumn("name",
                        "full_name"))),
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.renameColumn("full_name",
                        "name")))));
        assertThat(this.database.queryForStrings("SELECT full_name FROM users")).containsExactly("Ada");
    }

    @Test
    void changeColumnTypeIsForwardOnly() {
        this.database.execute("INSERT INTO users (email, age) VALUES ('a@example.com', '42')");
        assertRollbackRefused(TestMigration.forwardOnly("2024_02_01_000000", "Change users.age to integer",
                TestMigration.schema((schema) -> schema.table("users",
                        (table) -> table.integer("age").nullable().change()))));
        assertThat(this.database.queryForStrings("SELECT age + 1 FROM users")).containsExactly("43");
    }

    @Test
    void createIndexIsSafelyReversible() {
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Index users.email",
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.index("email")
                    .name("users_email_index"))),
                TestMigration.schema((schema) -> schema.table("users",
                        (table) -> table.dropIndex("users_email_index")))));
    }

    @Test
    void dropIndexIsSafelyReversible() {
        this.database.execute("CREATE INDEX users_name_index ON users (name)");
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Drop index users_name_index",
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.dropIndex("users_name_index"))),
                TestMigration.schema((schema) -> schema.table("users", (table) -> table.index("name")
                    .name("users_name_index")))));
    }

    @Test
    void addForeignKeyIsSafelyReversible() {
        assertRoundTrip(TestMigration.reversible("2024_02_01_000000", "Add orders.user_id foreign key",
                TestMigration.schema((schema) -> schema.table("orders", (table) -> table.foreign("user_id")
                    .references("id")
                    .on("users")
                    .name("orders_user_id_foreign"))),
                TestMigration.schema((schema) -> schema.table("orders",
                        (table) -> table.dropForeign("orders_user_id_foreign")))));
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
                    new Schema(connection).drop("archived_users").execute();
                }));
        assertThat(this.database.queryForStrings("SELECT email FROM users")).containsExactly("old@example.com");
    }

    @Test
    void safelyReversibleCreateTableWhoseTableNowHoldsRowsIsRefusedUnlessForced() {
        Migration createTags = TestMigration.reversible("2024_02_01_000000", "Create tags",
                TestMigration.schema((schema) -> schema.create("tags", (table) -> {
                    table.id();
                    table.string("label");
                })), TestMigration.schema((schema) -> schema.dropIfExists("tags")));
        Migrations migrations = migrations(createTags);
        migrations.migrate();
        for (int i = 1; i <= 3; i++) {
            this.database.execute("INSERT INTO tags (label) VALUES ('tag " + i + "')");
        }
        List<String> schema = snapshot();
        List<String> history = history();

        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining("2024_02_01_000000")
            .satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase("delete 3 rows of tags"))
            .withMessageContaining("--allow-data-loss");
        assertThat(snapshot()).isEqualTo(schema);
        assertThat(history()).isEqualTo(history);

        RollbackResult forced = migrations.rollback(1, RollbackOptions.defaults().withAllowDataLoss(true));
        assertThat(forced.migrations().get(0).notes()).anyMatch((note) -> note.toLowerCase(Locale.ROOT).contains("3 rows of tags"));
        assertThat(this.database.tableExists("tags")).isFalse();
    }

    private void assertRoundTrip(Migration change) {
        List<String> before = snapshot();
        Migrations migrations = migrations(change);
        migrations.migrate();
        List<String> afterUp = snapshot();
        assertThat(afterUp).isNotEqualTo(before);

        RollbackResult rollback = migrations.rollback(1, RollbackOptions.defaults());
        assertThat(rollback.migrations()).extracting((outcome) -> outcome.version().value())
            .containsExactly(change.getVersion().value());
        assertThat(snapshot()).isEqualTo(before);

        migrations.migrate();
        assertThat(snapshot()).isEqualTo(afterUp);
        assertThat(history()).hasSize(3).anyMatch((row) -> row.contains("ROLLED_BACK"));
    }

    private void assertRollbackRefused(Migration change) {
        Migrations migrations = migrations(change);
        migrations.migrate();
        List<String> schema = snapshot();
        List<String> history = history();
        List<String> data = this.database.queryForStrings("SELECT email FROM users ORDER BY id");

        assertThatExceptionOfType(RollbackRefusedException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining(change.getVersion().value())
            .withMessageContaining("does not support safe rollback")
            .withMessageContaining("make:migration");
        assertThat(snapshot()).isEqualTo(schema);
        assertThat(history()).isEqualTo(history);
        assertThat(this.database.queryForStrings("SELECT email FROM users ORDER BY id")).isEqualTo(data);
    }

    private Migrations migrations(Migration... more) {
        List<Migration> all = new ArrayList<>();
        all.add(BASE);
        all.addAll(List.of(more));
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(all).build();
    }

    private List<String> history() {
        return this.database.queryForStrings("SELECT concat(id, ' ', version, ' ', status, ' ', "
                + "coalesce(cast(rolled_back_at AS char(40)), '-')) FROM schema_migrations ORDER BY id");
    }

    /** The shape of the schema from the dialect's catalog queries, the history table left out. */
    private List<String> snapshot() {
        Database database = Database.of(this.database.dialect());
        SchemaSnapshotQueries queries = database.snapshotQueries();
        List<String> lines = new ArrayList<>();
        try (Connection connection = this.database.dataSource().getConnection()) {
            String schema = database.currentSchema(connection);
            for (String query : List.of(queries.relations(), queries.columns(), queries.indexes(),
                    queries.constraints())) {
                try (PreparedStatement statement = connection.prepareStatement(query)) {
                    statement.setString(1, schema);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            if (rows.getString(1).toLowerCase(Locale.ROOT).equals("schema_migrations")) {
                                continue;
                            }
                            List<String> values = new ArrayList<>();
                            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                                values.add(rows.getString(i));
                            }
                            lines.add(String.join(" | ", values));
                        }
                    }
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not read the catalog", ex);
        }
        return lines;
    }
}
