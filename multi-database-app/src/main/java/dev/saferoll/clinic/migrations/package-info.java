/** The clinic's migrations: schema builder only, so they run unchanged on every dialect. */
@NullMarked
package dev.saferoll.clinic.migrations;

import org.jspecify.annotations.NullMarked;
