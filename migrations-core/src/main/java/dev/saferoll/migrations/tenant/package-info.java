/**
 * Many tenants, one schema or one database each: {@link dev.saferoll.migrations.tenant.TenantMigrations} migrates
 * them in parallel on a connection budget, isolates each tenant's failure, and reports every tenant's status. Built
 * on the public {@link dev.saferoll.migrations.Migrations} API only: every tenant is an ordinary run with its own
 * history table and its own lock.
 */
@NullMarked
package dev.saferoll.migrations.tenant;

import org.jspecify.annotations.NullMarked;
