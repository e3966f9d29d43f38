package dev.saferoll.migrations.schema;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** MySQL's grammar, and where MariaDB's differs from it. */
class MySqlGrammarTests {

    private static List<String> create(Dialect dialect, String table, Consumer<Blueprint> definition) {
        return new Schema(dialect).create(table, definition).toSql();
    }

    private static List<String> alter(Dialect dialect, String table, Consumer<Blueprint> definition) {
        return new Schema(dialect).table(table, definition).toSql();
    }

    private static List<String> create(String table, Consumer<Blueprint> definition) {
        return create(Dialect.MYSQL, table, definition);
    }

    private static List<String> alter(String table, Consumer<Blueprint> definition) {
        return alter(Dialect.MYSQL, table, definition);
    }

    @Test
    void quotesWithBackticksAndSaysNullOrNotNull() {
        assertThat(create("user_profiles", (table) -> {
            table.id();
            table.bigInteger("user_id");
            table.string("bio").nullable();
            table.timestamps();
            table.foreign("user_id").references("id").on("users").onDelete(ForeignKeyAction.CASCADE);
            table.uniqueConstraint("user_id");
            table.index("bio");
        })).containsExactly("CREATE TABLE `user_profiles` (`id` bigint NOT NULL AUTO_INCREMENT, "
                + "`user_id` bigint NOT NULL, `bio` varchar(255) NULL, `created_at` timestamp(6) NULL, "
                + "`updated_at` timestamp(6) NULL, PRIMARY KEY (`id`), "
                + "CONSTRAINT `user_profiles_user_id_unique` UNIQUE (`user_id`), "
                + "CONSTRAINT `user_profiles_user_id_foreign` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) "
                + "ON DELETE CASCADE)",
                "CREATE INDEX `user_profiles_bio_index` ON `user_profiles` (`bio`)");
    }

    @Test
    void compilesEveryColumnType() {
        String types = "`a` varchar(26) NOT NULL, `b` text NOT NULL, `c` int NOT NULL, `d` bigint NOT NULL, "
                + "`e` boolean NOT NULL, `f` decimal(10, 2) NOT NULL, `g` %s NOT NULL, `h` json NOT NULL, "
                + "`i` json NOT NULL, `j` timestamp(6) NOT NULL, `k` date NOT NULL";
        Consumer<Blueprint> everyType = (table) -> {
            table.string("a", 26);
            table.text("b");
            table.integer("c");
            table.bigInteger("d");
            table.bool("e");
            table.decimal("f", 10, 2);
            table.uuid("g");
            table.json("h");
            table.jsonb("i");
            table.timestamp("j");
            table.date("k");
        };
        assertThat(create("t", everyType)).containsExactly("CREATE TABLE `t` (" + types.formatted("char(36)") + ")");
        assertThat(create(Dialect.MARIADB, "t", everyType)).containsExactly(
                "CREATE TABLE `t` (" + types.formatted("uuid") + ")");
    }

    @Test
    void incrementsIsAnIntegerAutoIncrementPrimaryKey() {
        assertThat(create("owners", (table) -> table.increments("id"))).containsExactly(
                "CREATE TABLE `owners` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`))");
    }

    @Test
    void escapesBackslashesInLiterals() {
        assertThat(alter("users", (table) -> table.string("path").defaultTo("C:\\tmp\\it's"))).containsExactly(
                "ALTER TABLE `users` ADD COLUMN `path` varchar(255) NOT NULL DEFAULT 'C:\\\\tmp\\\\it''s'");
        assertThat(alter("users", (table) -> table.timestamp("seen_at").useCurrent())).containsExactly(
                "ALTER TABLE `users` ADD COLUMN `seen_at` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)");
    }

    @Test
    void storedColumnTakesNoNullabilityOnMariaDb() {
        Consumer<Blueprint> stored = (table) -> table.string("v", 17).nullable().storedAs("CASE WHEN a THEN b END");
        assertThat(alter("h", stored)).containsExactly(
                "ALTER TABLE `h` ADD COLUMN `v` varchar(17) GENERATED ALWAYS AS (CASE WHEN a THEN b END) STORED NULL");
        assertThat(alter(Dialect.MARIADB, "h", stored)).containsExactly(
                "ALTER TABLE `h` ADD COLUMN `v` varchar(17) GENERATED ALWAYS AS (CASE WHEN a THEN b END) STORED");
    }

    @Test
    void changesAColumnByRedefiningIt() {
        assertThat(alter("users", (table) -> table.integer("age").nullable().defaultTo(18).change())).containsExactly(
                "ALTER TABLE `users` MODIFY COLUMN `age` int NULL DEFAULT 18");
        assertThat(alter("users", (table) -> table.renameColumn("email", "mail"))).containsExactly(
                "ALTER TABLE `users` RENAME COLUMN `email` TO `mail`");
        assertThat(alter("users", (table) -> table.dropColumn("a", "b"))).containsExactly(
                "ALTER TABLE `users` DROP COLUMN `a`, DROP COLUMN `b`");
    }

    @Test
    void buildsConcurrentIndexesOnlineAndRefusesPartialOnes() {
        assertThat(alter("users", (table) -> table.index("email").concurrently())).containsExactly(
                "CREATE INDEX `users_email_index` ON `users` (`email`) ALGORITHM=INPLACE LOCK=NONE");
        assertThat(alter("users", (table) -> table.dropIndex("users_email_index").concurrently())).containsExactly(
                "DROP INDEX `users_email_index` ON `users`");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> alter(Dialect.MARIADB, "users", (table) -> table.unique("email").where("active")))
            .withMessageContaining("MariaDB");
    }

    @Test
    void dropsForeignKeysAndPrimaryKeysTheMySqlWay() {
        assertThat(alter("posts", (table) -> table.dropForeign("posts_user_id_foreign"))).containsExactly(
                "ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`");
        assertThat(alter(Dialect.MARIADB, "posts", (table) -> table.dropForeign("posts_user_id_foreign")))
            .containsExactly("ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_foreign`, "
                    + "DROP INDEX IF EXISTS `posts_user_id_foreign`");
        assertThat(alter("posts", Blueprint::dropPrimary)).containsExactly("ALTER TABLE `posts` DROP PRIMARY KEY");
        assertThat(alter("posts", (table) -> table.dropCheck("positive"))).containsExactly(
                "ALTER TABLE `posts` DROP CONSTRAINT `positive`");
        assertThat(alter("posts", (table) -> table.check("positive", "n > 0").notValid())).containsExactly(
                "ALTER TABLE `posts` ADD CONSTRAINT `positive` CHECK (n > 0)");
        assertThat(alter("posts", (table) -> table.validateConstraint("positive"))).isEmpty();
    }

    @Test
    void renameKeepsTheTableInItsSchema() {
        Schema schema = new Schema(Dialect.MYSQL);
        schema.rename("a", "b").rename(TableName.of("shop.e"), TableName.of("f")).drop("b");
        assertThat(schema.toSql()).containsExactly("ALTER TABLE `a` RENAME TO `b`",
                "ALTER TABLE `shop`.`e` RENAME TO `shop`.`f`", "DROP TABLE `b`");
    }

    @Test
    void neitherHasTransactionalDdl() {
        for (Dialect dialect : List.of(Dialect.MYSQL, Dialect.MARIADB)) {
            Grammar grammar = Grammar.of(dialect);
            assertThat(grammar.dialect()).isEqualTo(dialect);
            assertThat(grammar.supportsTransactionalDdl()).isFalse();
            assertThat(grammar.supportsPartialIndexes()).isFalse();
        }
    }
}
