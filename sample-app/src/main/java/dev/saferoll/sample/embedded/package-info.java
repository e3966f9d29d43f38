@NullMarked
package dev.saferoll.sample.embedded;

import org.jspecify.annotations.NullMarked;
