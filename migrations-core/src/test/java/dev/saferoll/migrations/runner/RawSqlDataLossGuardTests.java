package dev.saferoll.migrations.runner;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.RollbackResult;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.testing.SchemaSnapshot;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The data-loss guard on raw SQL in a {@code down()}: the same check and refusal as the schema builder's commands,
 * with nothing rolled back and every row intact; what changes no stored value goes through.
 */
class RawSqlDataLossGuardTests {

    private static final Migration BASE = TestMigration.forwardOnly("2024_01_01_000000", "Create tables",
            (connection) -> connection.execute("CREATE TABLE users (id bigint PRIMARY KEY, email varchar(50), "
                    + "legacy_id integer); CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(10, 2)); "
                    + "CREATE TABLE notes (id bigint, body text); CREATE SCHEMA archive; "
                    + "CREATE TABLE archive.old_users (id bigint); CREATE TABLE archive.empty (id bigint)"));

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
        Migrations.builder().dataSource(this.database.dataSource()).migrations(BASE).build().migrate();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void dropTableOfSeveralTablesIsRefusedWhenOneHoldsRows() {
        assertRefused("DROP TABLE notes, invoices", "INSERT INTO invoices VALUES (1, 9.99)",
                "would delete 1 row of invoices");
    }

    @Test
    void dropColumnIsRefusedWhileItHoldsValues() {
        assertRefused("ALTER TABLE users DROP COLUMN legacy_id", "INSERT INTO users VALUES (1, 'a@b.c', 42)",
                "would delete 1 non-null value of users.legacy_id");
    }

    @Test
    void rewritingTypeChangesAreRefused() {
        assertRefused("ALTER TABLE users ALTER COLUMN legacy_id TYPE text USING 'L' || legacy_id",
                "INSERT INTO users VALUES (1, 'a@b.c', 42)", "would replace 1 non-null value of users.legacy_id");
        assertRefused("ALTER TABLE users ALTER COLUMN email TYPE varchar(10)",
                "INSERT INTO users VALUES (2, 'long@example.com', null)",
                "would convert (and may change) 1 non-null value of users.email");
    }

    @Test
    void widenedVarcharAndVarcharToTextPass() {
        this.database.execute("INSERT INTO users VALUES (1, 'a@b.c', 42)");
        RollbackResult result = rollBack("ALTER TABLE users ALTER COLUMN email TYPE varchar(100); "
                + "ALTER TABLE users ALTER COLUMN email SET DATA TYPE text USING email::text");
        assertThat(result.count()).isEqualTo(1);
        assertThat(this.database.queryForStrings("SELECT data_type FROM information_schema.columns "
                + "WHERE table_name = 'users' AND column_name = 'email'")).containsExactly("text");
        assertThat(this.database.queryForStrings("SELECT email FROM users")).containsExactly("a@b.c");
    }

    @Test
    void truncateIsRefused() {
        assertRefused("TRUNCATE TABLE notes, users RESTART IDENTITY",
                "INSERT INTO notes VALUES (1, 'x'), (2, 'y')", "would delete 2 rows of notes");
    }

    @Test
    void deleteWithoutWhereIsRefusedAndWithWhereIsUnverified() {
        assertRefused("DELETE FROM notes", "INSERT INTO notes VALUES (1, 'x')", "would delete 1 row of notes");
        this.database.execute("INSERT INTO notes VALUES (1, 'x'), (2, 'y')");
        RollbackResult result = rollBack("DELETE FROM notes WHERE id = 1");
        assertThat(result.migrations().get(0).notes())
            .containsExactly("unverified: the data-loss guard cannot classify this statement: "
                    + "DELETE FROM notes WHERE id = 1");
        assertThat(this.database.queryForLong("SELECT count(*) FROM notes")).isEqualTo(1);
    }

    @Test
    void dropSchemaCascadeIsRefusedWhenItsTablesHoldRows() {
        assertRefused("DROP SCHEMA IF EXISTS archive CASCADE", "INSERT INTO archive.old_users VALUES (1), (2)",
                "would delete 2 rows of schema archive by dropping it with CASCADE: old_users (2)");
    }

    @Test
    void aLaterStatementOfOneStringIsCheckedToo() {
        assertRefused("CREATE TABLE scratch (id bigint);\n-- then the real damage\nDROP TABLE invoices;",
                "INSERT INTO invoices VALUES (1, 9.99)", "would delete 1 row of invoices");
    }

    @Test
    void emptyTablesAndColumnsMayGo() {
        RollbackResult result = rollBack("DROP TABLE notes; ALTER TABLE users DROP COLUMN legacy_id; "
                + "DROP SCHEMA archive CASCADE; TRUNCATE invoices");
        assertThat(result.count()).isEqualTo(1);
        assertThat(result.migrations().get(0).notes()).isEmpty();
        assertThat(this.database.tableExists("notes")).isFalse();
    }

    @Test
    void allowingDataLossLetsItThroughWithANote() {
        this.database.execute("INSERT INTO notes VALUES (1, 'x')");
        Migrations migrations = migrations(List.of(BASE, reversible("DROP TABLE notes")));
        migrations.migrate();
        RollbackResult result = migrations.rollback(1, RollbackOptions.defaults().withAllowDataLoss(true));
        assertThat(result.migrations().get(0).notes())
            .containsExactly("allowed past the data-loss guard: delete 1 row of notes");
        assertThat(this.database.tableExists("notes")).isFalse();
    }

    private void assertRefused(String down, String data, String loss) {
        Migrations migrations = migrations(List.of(BASE, reversible(down)));
        migrations.migrate();
        this.database.execute(data);
        SchemaSnapshot schema = SchemaSnapshot.of(this.database);
        List<String> history = history();
        long rows = rows();
        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining(loss)
            .withMessageContaining("nothing was rolled back");
        assertThat(SchemaSnapshot.of(this.database)).isEqualTo(schema);
        assertThat(history()).isEqualTo(history);
        assertThat(rows()).isEqualTo(rows);
        this.database.execute("DELETE FROM schema_migrations WHERE version = '2024_02_01_000000'");
        this.database.execute("TRUNCATE users, invoices, notes, archive.old_users");
    }

    private RollbackResult rollBack(String down) {
        Migrations migrations = migrations(List.of(BASE, reversible(down)));
        migrations.migrate();
        return migrations.rollback(1, RollbackOptions.defaults());
    }

    private Migrations migrations(List<Migration> migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations).build();
    }

    private static Migration reversible(String down) {
        return TestMigration.reversible("2024_02_01_000000", "Raw SQL down()", (connection) -> {
        }, (connection) -> connection.execute(down));
    }

    private List<String> history() {
        return this.database.queryForStrings("SELECT version || ' ' || status FROM schema_migrations ORDER BY id");
    }

    private long rows() {
        return this.database.queryForLong("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM invoices) "
                + "+ (SELECT count(*) FROM notes) + (SELECT count(*) FROM archive.old_users)");
    }
}
