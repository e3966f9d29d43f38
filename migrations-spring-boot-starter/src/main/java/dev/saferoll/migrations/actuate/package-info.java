/**
 * Actuator endpoint {@code migrations}: status, dry run and rollback.
 */
@NullMarked
package dev.saferoll.migrations.actuate;

import org.jspecify.annotations.NullMarked;
