package dev.saferoll.migrations.backfill;

import java.time.Duration;

/**
 * What a backfill did.
 * @param name the backfill's name
 * @param rowsDone the rows processed by every run of this backfill so far, this one included
 * @param batches the batches committed by every run so far, this one included
 * @param duration how long this run took
 * @param resumed whether this run continued after batches that an earlier run had committed
 * @param alreadyFinished whether an earlier run had finished it, so that this run did nothing
 */
public record BackfillResult(String name, long rowsDone, long batches, Duration duration, boolean resumed,
        boolean alreadyFinished) {
}
