/**
 * The runtime half of each dialect: {@link dev.saferoll.migrations.database.Database} answers what Saferoll asks a
 * live database (schema, sizes, session settings, catalog, backfill statements) and provides its
 * {@link dev.saferoll.migrations.database.MigrationLock}. Not API: applications do not use this package.
 */
@NullMarked
package dev.saferoll.migrations.database;

import org.jspecify.annotations.NullMarked;
