package dev.saferoll.migrations;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationVersionTests {

    @Test
    void parsesTheCanonicalForm() {
        MigrationVersion version = MigrationVersion.fromTimestamp("2024_01_15_143000");
        assertThat(version.value()).isEqualTo("2024_01_15_143000");
        assertThat(version).hasToString("2024_01_15_143000");
        assertThat(version.timestamp()).isEqualTo(LocalDateTime.of(2024, 1, 15, 14, 30, 0));
        assertThat(MigrationVersion.fromString("2024_12_20_100000")).isEqualTo(
                MigrationVersion.fromTimestamp("2024_12_20_100000"));
    }

    @Test
    void acceptsALeapDay() {
        assertThat(MigrationVersion.fromTimestamp("2024_02_29_235959").value()).isEqualTo("2024_02_29_235959");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "2024", "2024-01-15-143000", "2024_1_15_143000", "2024_01_15_1430", "20240115143000",
            "2024_01_15_143000 ", " 2024_01_15_143000", "v2024_01_15_143000", "2024_01_15_14300a",
            "2024_01_15_143000_1", "２０２４_01_15_143000" })
    void refusesTheWrongShapeShowingTheExpectedForm(String text) {
        assertThatExceptionOfType(InvalidMigrationVersionException.class)
            .isThrownBy(() -> MigrationVersion.fromTimestamp(text))
            .withMessageContaining("YYYY_MM_DD_HHMMSS")
            .withMessageContaining("'" + text + "'")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.INVALID_INPUT));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024_02_30_100000", "2023_02_29_100000", "2024_13_01_000000", "2024_00_10_000000",
            "2024_01_32_000000", "2024_01_15_240000", "2024_01_15_126000", "2024_01_15_120060" })
    void refusesImpossibleDates(String text) {
        assertThatExceptionOfType(InvalidMigrationVersionException.class)
            .isThrownBy(() -> MigrationVersion.fromTimestamp(text))
            .withMessageContaining(text)
            .withMessageContaining("not a real date")
            .withMessageContaining("YYYY_MM_DD_HHMMSS");
    }

    @Test
    void refusesNull() {
        assertThatExceptionOfType(InvalidMigrationVersionException.class)
            .isThrownBy(() -> MigrationVersion.fromTimestamp(null))
            .withMessageContaining("null")
            .withMessageContaining("YYYY_MM_DD_HHMMSS");
    }

    @Test
    void abbreviatesOverlongInput() {
        String text = "2024_01_15_143000".repeat(100);
        assertThatExceptionOfType(InvalidMigrationVersionException.class)
            .isThrownBy(() -> MigrationVersion.fromTimestamp(text))
            .withMessageContaining("...")
            .withMessageContaining("YYYY_MM_DD_HHMMSS")
            .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void replacesControlCharactersInMessages() {
        assertThatExceptionOfType(InvalidMigrationVersionException.class)
            .isThrownBy(() -> MigrationVersion.fromTimestamp("2024\n01"))
            .withMessageContaining("'2024?01'");
    }

    @Test
    void ordersByTime() {
        MigrationVersion first = MigrationVersion.fromTimestamp("2023_12_31_235959");
        MigrationVersion second = MigrationVersion.fromTimestamp("2024_01_01_000000");
        MigrationVersion third = MigrationVersion.fromTimestamp("2024_01_01_000001");
        List<MigrationVersion> versions = new ArrayList<>(List.of(third, first, second));
        Collections.sort(versions);
        assertThat(versions).containsExactly(first, second, third);
        assertThat(first.compareTo(first)).isZero();
        assertThat(third.compareTo(second)).isPositive();
    }

    @Test
    void equalVersionsHaveEqualHashCodes() {
        MigrationVersion parsed = MigrationVersion.fromTimestamp("2024_01_15_143000");
        MigrationVersion built = MigrationVersion.of(LocalDateTime.of(2024, 1, 15, 14, 30, 0, 999_000_000));
        assertThat(built).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(built.value()).isEqualTo("2024_01_15_143000");
        assertThat(parsed).isNotEqualTo(MigrationVersion.fromTimestamp("2024_01_15_143001"));
        assertThat(parsed).isNotEqualTo("2024_01_15_143000");
    }
}
