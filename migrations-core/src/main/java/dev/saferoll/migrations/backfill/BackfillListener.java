package dev.saferoll.migrations.backfill;

/**
 * Called after each committed batch, outside its transaction. An exception thrown here stops the backfill; the batch
 * stays committed, so that a later run resumes after it.
 */
@FunctionalInterface
public interface BackfillListener {

    void batchCommitted(BackfillProgress progress);
}
