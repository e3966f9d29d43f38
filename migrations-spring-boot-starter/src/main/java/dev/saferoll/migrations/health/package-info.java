/**
 * Health indicator {@code migrations}.
 */
@NullMarked
package dev.saferoll.migrations.health;

import org.jspecify.annotations.NullMarked;
