/** The runner behind the facade. Not API: may change in any release. */
@org.jspecify.annotations.NullMarked
package dev.saferoll.migrations.internal;
