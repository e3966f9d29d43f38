/** Saferoll's API: migrations, the facade, options, results and errors. */
@org.jspecify.annotations.NullMarked
package dev.saferoll.migrations;
