/**
 * The one source of migration status in an application: {@link dev.saferoll.migrations.status.MigrationStatusService}
 * feeds the endpoint, the health indicator, the metrics and the commands with bounded, cached reads.
 */
@NullMarked
package dev.saferoll.migrations.status;

import org.jspecify.annotations.NullMarked;
