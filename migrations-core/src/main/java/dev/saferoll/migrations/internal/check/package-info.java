/**
 * The checks a run makes on each statement before it runs: the zero-downtime lint on {@code up} and the data-loss
 * guard on {@code down}. Not API: may change in any release.
 */
@NullMarked
package dev.saferoll.migrations.internal.check;

import org.jspecify.annotations.NullMarked;
