package dev.saferoll.migrations.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentifierTests {

    @Test
    void quotesValidNames() {
        assertThat(TableName.fromString("user_profiles").quoted(Dialect.POSTGRESQL)).isEqualTo("\"user_profiles\"");
        assertThat(ColumnName.fromString("_Col9").quoted(Dialect.POSTGRESQL)).isEqualTo("\"_Col9\"");
        assertThat(IndexName.of("idx_a").quoted(Dialect.POSTGRESQL)).isEqualTo("\"idx_a\"");
        assertThat(ConstraintName.of("fk_a").quoted(Dialect.POSTGRESQL)).isEqualTo("\"fk_a\"");
    }

    @Test
    void parsesSchemaQualifiedTableNames() {
        TableName table = TableName.fromString("billing.invoices");
        assertThat(table.schemaName()).contains("billing");
        assertThat(table.name()).isEqualTo("invoices");
        assertThat(table.quoted(Dialect.POSTGRESQL)).isEqualTo("\"billing\".\"invoices\"");
        assertThat(table).hasToString("billing.invoices");
        assertThat(TableName.of("users").schemaName()).isEmpty();
    }

    @Test
    void acceptsSixtyThreeCharactersAndNoMore() {
        assertThat(ColumnName.of("a".repeat(63)).name()).hasSize(63);
        assertThatExceptionOfType(InvalidIdentifierException.class)
            .isThrownBy(() -> ColumnName.of("a".repeat(64)))
            .withMessageContaining("64 characters")
            .withMessageContaining("at most 63");
    }

    @ParameterizedTest
    @ValueSource(strings = { "users; DROP TABLE x", "a\"b", "a b", "1users", "us-ers", "naïve", "a'b", "a.b.c",
            "users--", "a\u0000b" })
    void refusesNamesThatCouldCarrySql(String text) {
        String shown = text.replace('\u0000', '?');
        assertThatExceptionOfType(InvalidIdentifierException.class)
            .isThrownBy(() -> TableName.fromString(text))
            .withMessageContaining(shown)
            .withMessageContaining("letters, digits and underscores")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.INVALID_INPUT));
        assertThatExceptionOfType(InvalidIdentifierException.class).isThrownBy(() -> ColumnName.fromString(text));
        assertThatExceptionOfType(InvalidIdentifierException.class).isThrownBy(() -> IndexName.fromString(text));
        assertThatExceptionOfType(InvalidIdentifierException.class).isThrownBy(() -> ConstraintName.fromString(text));
    }

    @Test
    void refusesEmptyAndNullNames() {
        assertThatExceptionOfType(InvalidIdentifierException.class).isThrownBy(() -> ColumnName.of(""))
            .withMessageContaining("must not be empty");
        assertThatExceptionOfType(InvalidIdentifierException.class).isThrownBy(() -> TableName.fromString(null))
            .withMessageContaining("must not be empty");
        assertThatExceptionOfType(InvalidIdentifierException.class).isThrownBy(() -> TableName.fromString(".users"))
            .withMessageContaining("Schema name");
    }

    @Test
    void equalNamesAreEqual() {
        assertThat(ColumnName.of("email")).isEqualTo(ColumnName.fromString("email"))
            .hasSameHashCodeAs(ColumnName.fromString("email"));
        assertThat(TableName.of("a.b")).isEqualTo(new TableName("a", "b"));
        assertThat(TableName.of("b")).isNotEqualTo(new TableName("a", "b"));
    }
}
