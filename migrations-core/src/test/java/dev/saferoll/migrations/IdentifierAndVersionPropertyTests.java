package dev.saferoll.migrations;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.InvalidIdentifierException;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierAndVersionPropertyTests {

    @Property(tries = 2000)
    void anyStringParsesAndRoundTripsOrFailsWithTheExpectedForm(@ForAll("versionLike") String text) {
        try {
            MigrationVersion version = MigrationVersion.fromTimestamp(text);
            assertThat(version.value()).isEqualTo(text);
            assertThat(MigrationVersion.fromTimestamp(version.value())).isEqualTo(version);
        }
        catch (InvalidMigrationVersionException ex) {
            assertThat(ex.getMessage()).contains("YYYY_MM_DD_HHMMSS");
        }
    }

    @Property(tries = 2000)
    void anyStringIsAValidIdentifierQuotedAsIsOrIsRefused(@ForAll("identifierLike") String text) {
        try {
            ColumnName name = ColumnName.fromString(text);
            assertThat(name.quoted(Dialect.POSTGRESQL)).isEqualTo("\"" + text + "\"");
            assertThat(text).matches("[A-Za-z_][A-Za-z0-9_]{0,62}");
        }
        catch (InvalidIdentifierException ex) {
            assertThat(ex.getMessage()).isNotBlank();
            assertThat(text).doesNotMatch("[A-Za-z_][A-Za-z0-9_]{0,62}");
        }
    }

    @Provide
    Arbitrary<String> versionLike() {
        Arbitrary<String> shaped = Arbitraries.strings().withChars("0123456789").ofLength(14)
            .map((d) -> d.substring(0, 4) + "_" + d.substring(4, 6) + "_" + d.substring(6, 8) + "_" + d.substring(8));
        Arbitrary<String> plausible = Arbitraries.integers().between(0, 9999).flatMap((year) -> Arbitraries.integers()
            .between(0, 13).flatMap((month) -> Arbitraries.integers().between(0, 32).flatMap((day) -> Arbitraries
                .integers().between(0, 25).map((hour) -> String.format("%04d_%02d_%02d_%02d3000", year, month, day,
                        hour)))));
        return Arbitraries.oneOf(shaped, plausible, Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("0123456789_").ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> identifierLike() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(70),
                Arbitraries.strings().withChars("abcXYZ_019\";' .-").ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_0123456789").ofMinLength(1).ofMaxLength(70));
    }
}
