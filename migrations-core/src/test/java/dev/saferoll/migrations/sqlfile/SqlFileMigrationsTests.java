package dev.saferoll.migrations.sqlfile;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlFileMigrationsTests {

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
    void readsVersionDescriptionDomainAndTheRollbackFileFromTheNames() {
        List<SqlFileMigration> migrations = SqlFileMigrations.of(List.of(
                file("billing", "2024_02_01_100000_create_invoices.sql", "CREATE TABLE invoices (id integer);"),
                file("billing", "2024_02_01_100000_create_invoices.down.sql", "DROP TABLE invoices;"),
                file("", "2024_01_01_100000_seed_settings.sql", "INSERT INTO settings VALUES (1);")));
        assertThat(migrations).extracting((migration) -> migration.getVersion().value())
            .containsExactly("2024_01_01_100000", "2024_02_01_100000");
        SqlFileMigration invoices = migrations.get(1);
        assertThat(invoices.getDescription()).isEqualTo("Create invoices");
        assertThat(invoices.getDomain()).isEqualTo("billing");
        assertThat(invoices).isInstanceOf(SafelyReversible.class);
        assertThat(invoices.isTransactional()).isTrue();
        assertThat(invoices.getSource()).isEqualTo("test:billing/2024_02_01_100000_create_invoices.sql");
        assertThat(migrations.get(0)).isNotInstanceOf(SafelyReversible.class);
        assertThat(migrations.get(0).getDomain()).isEqualTo("default");
    }

    @Test
    void aFirstLineDirectiveRunsTheFileOutsideATransaction() {
        SqlFileMigration index = SqlFileMigrations.of(List.of(file("", "2024_01_01_100000_index_emails.sql",
                SqlFileMigrations.NO_TRANSACTION + "\nCREATE INDEX CONCURRENTLY users_email ON users (email);")))
            .get(0);
        assertThat(index.isTransactional()).isFalse();
    }

    @Test
    void theChecksumIgnoresLineEndingsButNothingElse() {
        String unix = SqlFileMigration.checksum("CREATE TABLE t (id integer);\nINSERT INTO t VALUES (1);\n");
        assertThat(SqlFileMigration.checksum("CREATE TABLE t (id integer);\r\nINSERT INTO t VALUES (1);\r\n"))
            .isEqualTo(unix);
        assertThat(SqlFileMigration.checksum("CREATE TABLE t (id bigint);\nINSERT INTO t VALUES (1);\n"))
            .isNotEqualTo(unix);
        assertThat(unix).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void badNamesOrphanRollbacksAndDuplicateVersionsNameTheFile() {
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> SqlFileMigrations.of(List.of(file("", "V1__create_users.sql", ""))))
            .withMessageContaining("V1__create_users.sql")
            .withMessageContaining("YYYY_MM_DD_HHMMSS_description.sql");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> SqlFileMigrations.of(List.of(file("", "2024_01_01_100000_x.down.sql", "SELECT 1;"))))
            .withMessageContaining("has no migration file");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> SqlFileMigrations.of(List.of(file("a", "2024_01_01_100000_x.sql", "SELECT 1;"),
                    file("b", "2024_01_01_100000_y.sql", "SELECT 1;"))))
            .withMessageContaining("test:a/2024_01_01_100000_x.sql")
            .withMessageContaining("test:b/2024_01_01_100000_y.sql");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> SqlFileMigrations.of(List.of(file("", "2024_01_01_100000_x.sql",
                    "-- only a comment\n/* and a block\n comment */\n\n"))))
            .withMessageContaining("test:2024_01_01_100000_x.sql holds no statement");
    }

    @Test
    void filesAndJavaMigrationsShareOneOrderedHistory() {
        List<Migration> all = new java.util.ArrayList<>(SqlFileMigrations.of(List.of(
                file("catalog", "2024_01_01_100000_create_products.sql",
                        "CREATE TABLE products (id integer PRIMARY KEY, name text);\n"
                                + "-- a comment with a ; in it\n"
                                + "INSERT INTO products VALUES (1, 'semi;colon');"),
                file("catalog", "2024_01_03_100000_add_price.sql",
                        "ALTER TABLE products ADD COLUMN price numeric(10, 2);"))));
        all.add(TestMigration.forwardOnly("2024_01_02_100000", "Java in between",
                (connection) -> connection.execute("ALTER TABLE products ADD COLUMN added_by_java text")));
        Migrations migrations = migrations(all);

        assertThat(migrations.migrate().migrations()).extracting((outcome) -> outcome.version().value())
            .containsExactly("2024_01_01_100000", "2024_01_02_100000", "2024_01_03_100000");
        assertThat(this.database.columns("products")).containsExactly("id", "name", "added_by_java", "price");
        assertThat(this.database.queryForStrings("SELECT name FROM products")).containsExactly("semi;colon");
    }

    @Test
    void aRollbackFileRunsAndTheDataLossGuardReadsIt() {
        Migrations migrations = migrations(List.copyOf(SqlFileMigrations.of(List.of(
                file("", "2024_01_01_100000_create_tags.sql", "CREATE TABLE tags (id integer);"),
                file("", "2024_01_01_100000_create_tags.down.sql", "DROP TABLE tags;")))));
        migrations.migrate();
        this.database.execute("INSERT INTO tags VALUES (1), (2), (3)");

        assertThatExceptionOfType(RollbackWouldLoseDataException.class)
            .isThrownBy(() -> migrations.rollback(1, RollbackOptions.defaults()))
            .withMessageContaining("3 rows of tags");
        assertThat(this.database.queryForLong("SELECT count(*) FROM tags")).isEqualTo(3);

        this.database.execute("DELETE FROM tags");
        assertThat(migrations.rollback(1, RollbackOptions.defaults()).count()).isEqualTo(1);
        assertThat(this.database.tableExists("tags")).isFalse();
    }

    @Test
    void aNonTransactionalFileBuildsAnIndexConcurrently() {
        this.database.execute("CREATE TABLE users (id integer, email text)");
        Migrations migrations = migrations(List.copyOf(SqlFileMigrations.of(List.of(file("",
                "2024_01_01_100000_index_emails.sql", SqlFileMigrations.NO_TRANSACTION
                        + "\nCREATE INDEX CONCURRENTLY users_email ON users (email);")))));
        assertThat(migrations.migrate().count()).isEqualTo(1);
        assertThat(this.database.queryForStrings("SELECT indexname FROM pg_indexes WHERE tablename = 'users'"))
            .containsExactly("users_email");
    }

    @Test
    void aFileAndAJavaMigrationOfOneVersionAreAStartupErrorNamingBoth() {
        List<Migration> all = new java.util.ArrayList<>(SqlFileMigrations.of(List.of(
                file("", "2024_01_01_100000_create_t.sql", "CREATE TABLE t (id integer);"))));
        all.add(TestMigration.forwardOnly("2024_01_01_100000", "Same version", (connection) -> {
        }));
        assertThatExceptionOfType(MigrationValidationException.class).isThrownBy(() -> migrations(all).migrate())
            .withMessageContaining("test:2024_01_01_100000_create_t.sql")
            .withMessageContaining(TestMigration.class.getName());
    }

    private Migrations migrations(List<Migration> migrations) {
        return Migrations.builder().dataSource(this.database.dataSource()).migrations(migrations).build();
    }

    private static SqlFile file(String folder, String name, String text) {
        return new SqlFile("test:" + (folder.isEmpty() ? "" : folder + "/") + name, folder, name, text);
    }
}
