/**
 * Micrometer metrics for Saferoll migrations.
 */
@NullMarked
package dev.saferoll.migrations.metrics;

import org.jspecify.annotations.NullMarked;
