/** Checks that keep a rollback from losing data. */
@org.jspecify.annotations.NullMarked
package dev.saferoll.migrations.safety;
