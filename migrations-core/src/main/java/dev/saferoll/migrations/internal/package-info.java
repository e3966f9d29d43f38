/**
 * The engine behind the {@link dev.saferoll.migrations.Migrations} facade: run sessions, one class per operation, the
 * migration plan and the history store. Not API: may change in any release.
 */
@NullMarked
package dev.saferoll.migrations.internal;

import org.jspecify.annotations.NullMarked;
