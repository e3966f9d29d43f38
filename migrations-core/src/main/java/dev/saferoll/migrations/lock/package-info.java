/** The migration lock that lets one runner at a time apply migrations. */
@org.jspecify.annotations.NullMarked
package dev.saferoll.migrations.lock;
