/**
 * Laravel-style schema builder: {@link dev.saferoll.migrations.schema.Schema},
 * {@link dev.saferoll.migrations.schema.Blueprint}, typed {@link dev.saferoll.migrations.schema.SchemaCommand}s and
 * validated names.
 */
@NullMarked
package dev.saferoll.migrations.schema;

import org.jspecify.annotations.NullMarked;
