package dev.saferoll.migrations.schema;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;

import static org.assertj.core.api.Assertions.assertThat;

class DataImpactTests {

    @Test
    void droppingATableDestroysItsRows() {
        List<SchemaCommand> commands = new Schema(Dialect.POSTGRESQL).dropIfExists("users").commands();
        assertThat(commands).singleElement().satisfies((command) -> {
            DataImpact impact = command.dataImpact();
            assertThat(impact.kind()).isEqualTo(DataImpact.Kind.DROPS_ROWS);
            assertThat(impact.table()).isEqualTo(TableName.of("users"));
            assertThat(impact.destroysData()).isTrue();
            assertThat(impact.description()).isEqualTo("rows of table users");
        });
    }

    @Test
    void droppingColumnsDestroysTheirValues() {
        List<SchemaCommand> commands = new Schema(Dialect.POSTGRESQL)
            .table("users", (table) -> table.dropColumn("is_admin", "is_moderator")).commands();
        assertThat(commands).singleElement().satisfies((command) -> {
            DataImpact impact = command.dataImpact();
            assertThat(impact.kind()).isEqualTo(DataImpact.Kind.DROPS_VALUES);
            assertThat(impact.columns()).containsExactly(ColumnName.of("is_admin"), ColumnName.of("is_moderator"));
            assertThat(impact.description()).isEqualTo("non-null values of users.is_admin, users.is_moderator");
        });
    }

    @Test
    void changingAColumnMayChangeItsValues() {
        List<SchemaCommand> commands = new Schema(Dialect.POSTGRESQL)
            .table("users", (table) -> table.integer("age").change()).commands();
        assertThat(commands).singleElement().satisfies((command) -> {
            DataImpact impact = command.dataImpact();
            assertThat(impact.kind()).isEqualTo(DataImpact.Kind.MAY_CHANGE_VALUES);
            assertThat(impact.affectsData()).isTrue();
            assertThat(impact.destroysData()).isFalse();
            assertThat(impact.description()).contains("users.age");
        });
    }

    @Test
    void additiveCommandsTouchNoData() {
        Schema schema = new Schema(Dialect.POSTGRESQL)
            .create("t", (table) -> {
                table.id();
                table.string("email").unique();
            })
            .table("t", (table) -> {
                table.string("name").nullable();
                table.renameColumn("name", "full_name");
                table.index("full_name").concurrently();
                table.dropIndex("t_email_unique");
            })
            .rename("t", "u");
        assertThat(schema.commands()).hasSize(6).allSatisfy((command) -> {
            assertThat(command.dataImpact()).isEqualTo(DataImpact.none());
            assertThat(command.dataImpact().description()).isEqualTo("no stored data");
        });
        assertThat(schema.commands()).filteredOn(SchemaCommand::requiresNoTransaction).singleElement()
            .isInstanceOf(SchemaCommand.CreateIndex.class);
    }

    @Test
    void concurrentIndexOnANewTableMakesTheCreateNonTransactional() {
        List<SchemaCommand> commands = new Schema(Dialect.POSTGRESQL)
            .create("t", (table) -> table.string("a").unique()).create("u", (table) -> {
                table.string("a");
                table.index("a").concurrently();
            }).commands();
        assertThat(commands).extracting(SchemaCommand::requiresNoTransaction).containsExactly(false, true);
    }
}
