/** The history table: one row per application attempt, read once per run. */
@org.jspecify.annotations.NullMarked
package dev.saferoll.migrations.history;
