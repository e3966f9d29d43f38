/**
 * Batched backfills for large tables: {@link dev.saferoll.migrations.backfill.Backfill} walks a table by key in short
 * transactions that each commit a batch and its progress together, so that a killed backfill resumes where it
 * stopped.
 */
@NullMarked
package dev.saferoll.migrations.backfill;

import org.jspecify.annotations.NullMarked;
