@NullMarked
package dev.saferoll.sample.migrations;

import org.jspecify.annotations.NullMarked;
