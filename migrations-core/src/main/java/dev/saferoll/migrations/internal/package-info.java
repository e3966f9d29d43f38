/** Implementation classes shared by the runner and the starter; not a public API. */
@NullMarked
package dev.saferoll.migrations.internal;

import org.jspecify.annotations.NullMarked;
