package dev.saferoll.migrations.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.internal.JdbcMigrationConnection;
import dev.saferoll.migrations.internal.StatementFailedException;
import dev.saferoll.migrations.schema.grammar.Dialect;
import dev.saferoll.migrations.schema.grammar.Grammar;
import dev.saferoll.migrations.testing.MigrationConnectionTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SchemaIntegrationTests extends MigrationConnectionTestBase {

    private void createSeedTables(Schema schema) {
        schema.create("users", (table) -> {
            table.string("ulid", 26).primary();
            table.string("email").unique();
            table.string("legacy_id").nullable();
        });
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

    @Test
    void createsTheSeedTablesWithKeysAndIndexes() {
        Schema schema = new Schema(this.connection);
        createSeedTables(schema);
        assertThat(schema.commands()).isEmpty();
        assertThat(database.columns("user_profiles")).containsExactly("ulid", "user_id", "bio", "avatar_url",
                "website", "created_at", "updated_at");
        assertThat(database.queryForStrings("SELECT indexname FROM pg_indexes WHERE tablename = 'user_profiles' "
                + "ORDER BY indexname")).containsExactly("idx_user_profiles_user_id", "user_profiles_pkey");
        assertThat(database.queryForStrings("SELECT conname || ':' || confdeltype::text FROM pg_constraint "
                + "WHERE conrelid = 'user_profiles'::regclass AND contype = 'f'"))
            .containsExactly("user_profiles_user_id_foreign:c");
        assertThat(database.queryForStrings("SELECT indexname FROM pg_indexes WHERE tablename = 'users' "
                + "ORDER BY indexname")).containsExactly("users_email_unique", "users_pkey");
        assertThat(this.connection.executedStatements()).hasSize(5);
    }

    @Test
    void addsRenamesChangesAndDropsColumns() {
        Schema schema = new Schema(this.connection);
        createSeedTables(schema);
        this.connection.execute("INSERT INTO users (ulid, email, legacy_id) VALUES (?, ?, ?)", "u1", "a@b.c", "42");
        schema.table("users", (table) -> {
            table.string("role").defaultTo("it's");
            table.bool("active").defaultTo(true);
            table.integer("visits").nullable();
            table.renameColumn("email", "email_address");
        });
        schema.execute();
        this.connection.execute("UPDATE users SET visits = 7");
        schema.table("users", (table) -> {
            table.bigInteger("visits").defaultTo(0).change();
            table.text("legacy_id").change();
        });
        schema.execute();
        schema.table("users", (table) -> table.dropColumn("legacy_id"));
        schema.execute();

        assertThat(database.columns("users")).containsExactly("ulid", "email_address", "role", "active", "visits");
        assertThat(database.queryForStrings("SELECT role || '/' || active || '/' || visits FROM users"))
            .containsExactly("it's/true/7");
        assertThat(database.queryForStrings("SELECT data_type || '/' || is_nullable || '/' || column_default "
                + "FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'visits'"))
            .containsExactly("bigint/NO/0");
    }

    @Test
    void createsAndDropsAnIndexConcurrentlyOutsideATransaction() throws SQLException {
        Schema schema = new Schema(this.connection);
        createSeedTables(schema);
        this.jdbc.setAutoCommit(true);
        schema.table("user_profiles", (table) -> table.index("website").concurrently().where("website IS NOT NULL"));
        assertThat(schema.commands()).singleElement().satisfies((command) -> {
            assertThat(command.requiresNoTransaction()).isTrue();
            assertThat(command.dataImpact().affectsData()).isFalse();
        });
        schema.execute();
        assertThat(database.queryForStrings("SELECT indexdef FROM pg_indexes "
                + "WHERE indexname = 'user_profiles_website_index'")).containsExactly(
                        "CREATE INDEX user_profiles_website_index ON public.user_profiles USING btree (website) "
                                + "WHERE (website IS NOT NULL)");
        assertThat(database.queryForLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname = 'user_profiles_website_index' AND i.indisvalid")).isEqualTo(1);
        schema.table("user_profiles", (table) -> table.dropIndex("user_profiles_website_index").concurrently());
        schema.execute();
        assertThat(database.queryForStrings("SELECT indexname FROM pg_indexes "
                + "WHERE indexname = 'user_profiles_website_index'")).isEmpty();
    }

    @Test
    void addsAndValidatesNotValidConstraintsAndRenamesAndDropsTables() {
        Schema schema = new Schema(this.connection);
        createSeedTables(schema);
        schema.table("users", (table) -> {
            table.integer("age").nullable();
            table.check("users_age_check", "age >= 0").notValid();
        });
        schema.table("user_profiles", (table) -> {
            table.dropForeign("user_profiles_user_id_foreign");
            table.foreign("user_id").references("ulid").on("users").notValid();
        });
        schema.execute();
        schema.table("users", (table) -> table.validateConstraint("users_age_check"));
        schema.table("user_profiles", (table) -> table.validateConstraint("user_profiles_user_id_foreign"));
        schema.rename("user_profiles", "profiles");
        schema.execute();
        assertThat(database.queryForStrings("SELECT conname || ':' || convalidated FROM pg_constraint "
                + "WHERE contype IN ('c', 'f') AND connamespace = 'public'::regnamespace ORDER BY conname"))
            .containsExactly("user_profiles_user_id_foreign:true", "users_age_check:true");
        assertThat(database.tableExists("profiles")).isTrue();
        schema.drop("profiles").dropIfExists("profiles").dropIfExists("users");
        schema.execute();
        assertThat(database.tableExists("profiles")).isFalse();
        assertThat(database.tableExists("users")).isFalse();
    }

    @Test
    void failedStatementNamesStatementAndSqlState() {
        Schema schema = new Schema(this.connection).drop("missing_table");
        assertThatExceptionOfType(StatementFailedException.class).isThrownBy(schema::execute)
            .withMessageContaining("DROP TABLE \"missing_table\"")
            .satisfies((ex) -> assertThat(ex.getSqlState()).isEqualTo("42P01"));
    }

    @Test
    void runnerQueriesWorkOnPostgres() throws SQLException {
        Grammar grammar = Dialect.POSTGRESQL.grammar();
        createSeedTables(new Schema(this.connection));
        this.connection.execute("CREATE VIEW user_emails AS SELECT email FROM users");
        long key = -1234567890123L;
        assertThat(this.connection.query(grammar.tryLockQuery(), (row) -> row.getBoolean(1), key))
            .containsExactly(true);
        try (Connection other = database.dataSource().getConnection()) {
            JdbcMigrationConnection observer = new JdbcMigrationConnection(other, Dialect.POSTGRESQL);
            List<String> holders = observer.query(grammar.lockHolderQuery(), (row) -> row.getString(1), key);
            assertThat(holders).singleElement().asString().startsWith("pid ").contains("(application '")
                .contains(", user ").contains(", since ");
            assertThat(observer.query(grammar.lockHolderQuery(), (row) -> row.getString(1), key + 1)).isEmpty();
        }
        assertThat(this.connection.query(grammar.unlockQuery(), (row) -> row.getBoolean(1), key))
            .containsExactly(true);
        assertThat(this.connection.query(grammar.databaseSizeQuery(), (row) -> row.getLong(1)).get(0))
            .isPositive();
        assertThat(this.connection.query(grammar.currentSchemaQuery(), (row) -> row.getString(1)))
            .containsExactly("public");
        assertThat(this.connection.query(grammar.currentUserQuery(), (row) -> row.getString(1)))
            .singleElement().asString().startsWith(database.user() + "@");
        assertThat(this.connection.query(grammar.tableExistsQuery(), (row) -> row.getInt(1), "public", "users"))
            .containsExactly(1);
        assertThat(this.connection.query(grammar.tableExistsQuery(), (row) -> row.getInt(1), "public", "nope"))
            .isEmpty();
        assertThat(this.connection.execute("SELECT 1")).isZero();
        for (String statement : grammar.transactionTimeouts(java.time.Duration.ofSeconds(3), null)) {
            this.connection.execute(statement);
        }
        grammar.dropAllObjects("public").forEach(this.connection::execute);
        assertThat(database.queryForLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).isZero();
    }
}
