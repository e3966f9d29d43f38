@NullMarked
package dev.saferoll.sample.user;

import org.jspecify.annotations.NullMarked;
