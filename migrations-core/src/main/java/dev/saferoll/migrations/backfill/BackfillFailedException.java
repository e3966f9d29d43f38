package dev.saferoll.migrations.backfill;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationException;

/**
 * A batch of a backfill failed. That batch was rolled back; the batches before it stay committed, and running the
 * backfill again with the same name resumes after them.
 */
public class BackfillFailedException extends MigrationException {

    private final String backfillName;

    private final long batchesCommitted;

    private final @Nullable String lastKey;

    public BackfillFailedException(String backfillName, long batchesCommitted, @Nullable String lastKey,
            Throwable cause) {
        super(ErrorCode.EXECUTION_FAILED, "Backfill '" + backfillName + "' failed after " + batchesCommitted
                + " committed batch(es)" + ((lastKey != null) ? " (last committed key " + lastKey + ")" : "")
                + "; the failed batch was rolled back: " + cause.getMessage()
                + ". Fix the cause and run the backfill again with the same name: it resumes after the last "
                + "committed batch", cause);
        this.backfillName = backfillName;
        this.batchesCommitted = batchesCommitted;
        this.lastKey = lastKey;
    }

    public String getBackfillName() {
        return this.backfillName;
    }

    /** The batches committed by every run so far. */
    public long getBatchesCommitted() {
        return this.batchesCommitted;
    }

    /** The highest key committed, as text, or {@code null} if no batch was committed. */
    public @Nullable String getLastKey() {
        return this.lastKey;
    }
}
