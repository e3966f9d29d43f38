/** Tests of what real deployments do: overlapping releases, long migrations, waiting instances and poolers. */
@NullMarked
package dev.saferoll.migrations.deployment;

import org.jspecify.annotations.NullMarked;
