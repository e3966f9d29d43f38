/**
 * The checks a run makes on each statement before it runs: the zero-downtime lint on {@code up}, the data-loss guard
 * on {@code down}, and in a dry run the impact each statement had, measured by the database. They read SQL with the
 * one SQL reader ({@code dev.saferoll.migrations.sql}), through {@code SqlSyntax.of(Dialect)}. Not API: may change in
 * any release.
 */
@NullMarked
package dev.saferoll.migrations.internal.check;

import org.jspecify.annotations.NullMarked;
