/**
 * Auto-configuration for Saferoll migrations: the {@code Migrations} bean, the startup run, the status snapshots
 * and the user hooks.
 */
@NullMarked
package dev.saferoll.migrations.autoconfigure;

import org.jspecify.annotations.NullMarked;
