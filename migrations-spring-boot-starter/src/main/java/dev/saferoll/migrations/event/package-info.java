/**
 * Application events published while migrations run.
 */
@NullMarked
package dev.saferoll.migrations.event;

import org.jspecify.annotations.NullMarked;
