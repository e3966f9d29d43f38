/** Reliability tests: crashes, kills, outages, concurrency and hostile input against a real PostgreSQL. */
@org.jspecify.annotations.NullMarked
package dev.saferoll.migrations.reliability;
