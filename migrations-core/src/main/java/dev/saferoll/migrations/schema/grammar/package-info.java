/** Dialect SQL: one {@link dev.saferoll.migrations.schema.grammar.Grammar} per database. */
@NullMarked
package dev.saferoll.migrations.schema.grammar;

import org.jspecify.annotations.NullMarked;
