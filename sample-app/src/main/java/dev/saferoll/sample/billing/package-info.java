@NullMarked
package dev.saferoll.sample.billing;

import org.jspecify.annotations.NullMarked;
