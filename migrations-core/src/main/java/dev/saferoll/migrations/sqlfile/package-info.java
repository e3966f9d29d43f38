/**
 * Migrations written as SQL files: {@code YYYY_MM_DD_HHMMSS_description.sql}, with an optional
 * {@code YYYY_MM_DD_HHMMSS_description.down.sql} that makes them safely reversible. They share one ordered history
 * with Java migrations.
 */
@NullMarked
package dev.saferoll.migrations.sqlfile;

import org.jspecify.annotations.NullMarked;
