/**
 * One JPA application on three databases: H2 in the default profile, PostgreSQL and MariaDB in the
 * {@code postgres} and {@code mariadb} profiles, the same builder-only migrations for all three, and Hibernate
 * validating the schema they make.
 */
@NullMarked
package dev.saferoll.clinic;

import org.jspecify.annotations.NullMarked;
