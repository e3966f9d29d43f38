/**
 * Test support: check that every {@link dev.saferoll.migrations.SafelyReversible} migration's {@code down} restores
 * the schema exactly, with {@link dev.saferoll.migrations.test.MigrationRoundTrip}.
 */
@org.jspecify.annotations.NullMarked
package dev.saferoll.migrations.test;
