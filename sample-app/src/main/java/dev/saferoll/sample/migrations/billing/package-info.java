@NullMarked
package dev.saferoll.sample.migrations.billing;

import org.jspecify.annotations.NullMarked;
