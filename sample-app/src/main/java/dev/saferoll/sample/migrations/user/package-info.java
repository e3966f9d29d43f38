@NullMarked
package dev.saferoll.sample.migrations.user;

import org.jspecify.annotations.NullMarked;
