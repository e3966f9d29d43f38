/**
 * The {@code db:*} and {@code make:*} commands, run as arguments to the application jar instead of a normal start.
 */
@NullMarked
package dev.saferoll.migrations.cli;

import org.jspecify.annotations.NullMarked;
