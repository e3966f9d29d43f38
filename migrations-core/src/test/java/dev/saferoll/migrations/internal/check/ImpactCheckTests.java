package dev.saferoll.migrations.internal.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a measured impact writes rows and sizes; the measuring itself is tested on PostgreSQL (DryRunImpactTests). */
class ImpactCheckTests {

    @Test
    void rowEstimatesAreRoundedToTwoDigits() {
        assertThat(ImpactCheck.count(42)).isEqualTo("42");
        assertThat(ImpactCheck.count(9_499)).isEqualTo("9.5 k");
        assertThat(ImpactCheck.count(10_000)).isEqualTo("10 k");
        assertThat(ImpactCheck.count(1_234_567)).isEqualTo("1.2 M");
        assertThat(ImpactCheck.count(3_400_000_000L)).isEqualTo("3.4 G");
    }

    @Test
    void sizesUsePostgresUnits() {
        assertThat(ImpactCheck.size(512)).isEqualTo("512 bytes");
        assertThat(ImpactCheck.size(8192)).isEqualTo("8.0 kB");
        assertThat(ImpactCheck.size(340L * 1024 * 1024)).isEqualTo("340 MB");
        assertThat(ImpactCheck.size(1536L * 1024 * 1024)).isEqualTo("1.5 GB");
    }

    @Test
    void theCliFindsAStatementsImpactByItsPrefix() {
        assertThat(ImpactCheck.notePrefix(3)).isEqualTo("impact of statement 3: ");
    }
}
