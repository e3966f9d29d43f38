/**
 * One lexical SQL reader for every part of Saferoll that reads SQL: it splits a script into statements and each
 * statement into tokens, for PostgreSQL, H2 and MySQL/MariaDB. Pure Java, with no dependency on other Saferoll
 * packages.
 */
@org.jspecify.annotations.NullMarked
package dev.saferoll.migrations.sql;
