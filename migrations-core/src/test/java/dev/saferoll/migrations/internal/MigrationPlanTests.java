package dev.saferoll.migrations.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationVersion;

import static org.assertj.core.api.Assertions.assertThat;

/** The join of the code's migrations with the history rows, without a database. */
class MigrationPlanTests {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static final MigrateOperation.ValidationPolicy DEFAULTS = new MigrateOperation.ValidationPolicy(true,
            false, true, false);

    @Test
    void everyStateComesFromTheLastRowOfItsVersion() {
        List<Migration> code = List.of(migration("2024_01_01_000000", null), migration("2024_01_02_000000", "new"),
                migration("2024_01_04_000000", null), migration("2024_01_05_000000", null),
                migration("2024_01_07_000000", null), migration("2024_01_08_000000", null),
                migration("2024_01_09_000000", null));
        List<HistoryRecord> rows = List.of(row(1, "2024_01_01_000000", HistoryStatus.APPLIED, 5, null),
                row(2, "2024_01_02_000000", HistoryStatus.APPLIED, 5, "old"),
                row(3, "2024_01_03_000000", HistoryStatus.APPLIED, 5, null),
                row(4, "2024_01_05_000000", HistoryStatus.APPLIED, 5, null),
                row(5, "2024_01_05_000000", HistoryStatus.ROLLED_BACK, 5, null),
                row(6, "2024_01_06_000000", HistoryStatus.FAILED, MigrationExecution.IN_PROGRESS_MILLIS, null),
                row(7, "2024_01_08_000000", HistoryStatus.FAILED, 5, null),
                row(8, "2024_01_10_000000", HistoryStatus.APPLIED, 5, null));

        MigrationStatus status = new MigrationPlan(code, rows).status();

        assertThat(status.entries()).extracting((entry) -> entry.version().value() + " " + entry.state())
            .containsExactly("2024_01_01_000000 APPLIED", "2024_01_02_000000 CHANGED", "2024_01_03_000000 MISSING",
                    "2024_01_04_000000 OUT_OF_ORDER", "2024_01_05_000000 ROLLED_BACK",
                    "2024_01_06_000000 INTERRUPTED", "2024_01_07_000000 OUT_OF_ORDER", "2024_01_08_000000 FAILED",
                    "2024_01_09_000000 OUT_OF_ORDER", "2024_01_10_000000 FUTURE");
        assertThat(status.currentVersion()).map(MigrationVersion::value).contains("2024_01_10_000000");
    }

    @Test
    void anUnfinishedRowIsRunningWhileSomeoneElseHoldsTheLock() {
        List<HistoryRecord> rows = List.of(
                row(1, "2024_01_01_000000", HistoryStatus.FAILED, MigrationExecution.IN_PROGRESS_MILLIS, null));
        MigrationPlan plan = new MigrationPlan(List.of(migration("2024_01_01_000000", null)), rows, "pid 42");

        MigrationStatusEntry entry = plan.status().entries().get(0);
        assertThat(entry.state()).isEqualTo(MigrationState.RUNNING);
        assertThat(entry.runningOn()).isEqualTo("pid 42");
        assertThat(plan.problems(MigrationTarget.latest(), DEFAULTS)).isEmpty();
    }

    @Test
    void codeInAnyOrderAndDuplicatesArePlannedByVersion() {
        List<Migration> code = new ArrayList<>(List.of(migration("2024_01_03_000000", null),
                migration("2024_01_01_000000", null), migration("2024_01_02_000000", null)));
        code.add(migration("2024_01_01_000000", null));

        MigrationPlan plan = new MigrationPlan(code, List.of());

        assertThat(plan.pending(MigrationTarget.latest())).extracting((m) -> m.getVersion().value())
            .containsExactly("2024_01_01_000000", "2024_01_02_000000", "2024_01_03_000000");
        assertThat(plan.pending(MigrationTarget.next(2))).hasSize(2);
        assertThat(plan.problems(MigrationTarget.latest(), DEFAULTS)).singleElement().asString()
            .contains("Version 2024_01_01_000000 is used by both");
    }

    @Test
    void aLargeHistoryIsJoinedInOrder() {
        List<Migration> code = new ArrayList<>();
        List<HistoryRecord> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String version = MigrationVersion.of(LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i)).value();
            if (i % 2 == 0) {
                code.add(migration(version, null));
            }
            if (i < 1500) {
                rows.add(row(i + 1, version, HistoryStatus.APPLIED, 1, null));
            }
        }

        MigrationStatus status = new MigrationPlan(code, rows).status();

        assertThat(status.entries()).hasSize(1750);
        assertThat(status.entries()).isSortedAccordingTo((a, b) -> a.version().compareTo(b.version()));
        assertThat(status.count(MigrationState.APPLIED)).isEqualTo(750);
        assertThat(status.count(MigrationState.MISSING)).as("odd versions, in the history only").isEqualTo(750);
        assertThat(status.count(MigrationState.PENDING)).isEqualTo(250);
    }

    private static HistoryRecord row(long id, String version, HistoryStatus status, long millis,
            @Nullable String checksum) {
        return new HistoryRecord(id, MigrationVersion.fromTimestamp(version), "d", "Test", false, status, AT, "me",
                millis, null, null, null, null, null, checksum);
    }

    private static Migration migration(String version, @Nullable String checksum) {
        return new Migration() {

            @Override
            public void up(MigrationConnection connection) {
            }

            @Override
            public MigrationVersion getVersion() {
                return MigrationVersion.fromTimestamp(version);
            }

            @Override
            public String getDescription() {
                return "m " + version;
            }

            @Override
            public Optional<String> getChecksum() {
                return Optional.ofNullable(checksum);
            }
        };
    }
}
