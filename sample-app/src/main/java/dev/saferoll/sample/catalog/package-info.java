@NullMarked
package dev.saferoll.sample.catalog;

import org.jspecify.annotations.NullMarked;
