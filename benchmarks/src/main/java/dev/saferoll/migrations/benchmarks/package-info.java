/** Saferoll against Flyway and raw JDBC on PostgreSQL; run with {@code ./mvnw -B -Pbench -pl benchmarks -am verify}. */
@NullMarked
package dev.saferoll.migrations.benchmarks;

import org.jspecify.annotations.NullMarked;
