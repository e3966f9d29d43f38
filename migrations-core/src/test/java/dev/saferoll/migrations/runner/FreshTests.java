package dev.saferoll.migrations.runner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db:fresh} leaves nothing behind that the migrations create, so migrating again works. */
class FreshTests {

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
    void migratingAgainAfterFreshRecreatesTypesFunctionsViewsAndSequences() {
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(TestMigration.forwardOnly("2024_01_01_000000", "Types and functions", (connection) -> {
                connection.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
                connection.execute("CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')");
                connection.execute("CREATE SEQUENCE invoice_numbers");
                connection.execute("CREATE TABLE people (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "mood mood NOT NULL DEFAULT 'ok', email email, number bigint DEFAULT nextval('invoice_numbers'))");
                connection.execute("CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql IMMUTABLE "
                        + "AS $$ SELECT 'happy'::mood $$");
                connection.execute("CREATE VIEW happy_people AS SELECT id FROM people WHERE mood = cheer(mood)");
            }), TestMigration.forwardOnly("2024_01_02_000000", "Seed", (connection) -> connection
                .execute("INSERT INTO people (mood, email) VALUES ('happy', 'a@b.c')")))
            .build();
        migrations.migrate();
        MigrateResult again = migrations.fresh();
        assertThat(again.count()).isEqualTo(2);
        assertThat(this.database.queryForLong("SELECT count(*) FROM happy_people")).isEqualTo(1);
        assertThat(this.database.queryForStrings("SELECT typname FROM pg_type t JOIN pg_namespace n "
                + "ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') ORDER BY 1"))
            .containsExactly("email", "mood");
        assertThat(this.database.queryForStrings("SELECT version || ' ' || status FROM schema_migrations "
                + "ORDER BY version")).containsExactly("2024_01_01_000000 APPLIED", "2024_01_02_000000 APPLIED");
        assertThat(migrations.fresh().count()).isEqualTo(2);
    }
}
