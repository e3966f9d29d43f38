@NullMarked
package dev.saferoll.sample;

import org.jspecify.annotations.NullMarked;
