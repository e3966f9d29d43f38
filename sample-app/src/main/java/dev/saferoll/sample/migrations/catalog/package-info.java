@NullMarked
package dev.saferoll.sample.migrations.catalog;

import org.jspecify.annotations.NullMarked;
