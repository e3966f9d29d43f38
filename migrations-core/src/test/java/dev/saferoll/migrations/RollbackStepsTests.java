package dev.saferoll.migrations;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RollbackStepsTests {

    @ParameterizedTest
    @ValueSource(strings = { "1", "2", " 3 ", "999999999" })
    void acceptsWholeNumbersOfOneOrMore(String text) {
        assertThat(RollbackSteps.parse(text)).isEqualTo(Integer.parseInt(text.trim()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", " ", "0", "-1", "+1", "1.5", "1e3", "abc", "1; DROP TABLE users", "\u0661",
            "\uff11", "1000000000", "2147483648", "99999999999999999999" })
    void rejectsEverythingElseNamingTheValue(String text) {
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> RollbackSteps.parse(text))
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.INVALID_INPUT))
            .withMessageContaining("Invalid steps " + ((text != null) ? "'" + text + "'" : "(none)"))
            .withMessageContaining("whole number of 1 or more");
    }
}
