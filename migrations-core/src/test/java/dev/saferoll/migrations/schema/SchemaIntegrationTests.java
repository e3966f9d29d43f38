package dev.saferoll.migrations.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.RowMapper;
import dev.saferoll.migrations.StatementFailedException;
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
        Recording recording = new Recording(this.connection);
        Schema schema = new Schema(recording);
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
        assertThat(recording.statements).hasSize(4).allMatch((sql) -> sql.startsWith("CREATE "));
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

    /** Sees every statement the schema builder sends, once each. */
    private static final class Recording implements MigrationConnection {

        private final MigrationConnection delegate;

        private final List<String> statements = new ArrayList<>();

        Recording(MigrationConnection delegate) {
            this.delegate = delegate;
        }

        @Override
        public int execute(String sql, Object... parameters) {
            this.statements.add(sql);
            return this.delegate.execute(sql, parameters);
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
            return this.delegate.query(sql, mapper, parameters);
        }

        @Override
        public Dialect dialect() {
            return this.delegate.dialect();
        }

        @Override
        public java.sql.Connection jdbcConnection() {
            return this.delegate.jdbcConnection();
        }
    }
}
