package dev.saferoll.migrations.backfill;

import java.time.Duration;

/**
 * Where a running backfill stands after a committed batch.
 * @param name the backfill's name
 * @param rowsDone the rows processed by every run so far
 * @param batches the batches committed by every run so far
 * @param lastKey the highest key committed, as text
 * @param elapsed the time since this run started
 */
public record BackfillProgress(String name, long rowsDone, long batches, String lastKey, Duration elapsed) {
}
