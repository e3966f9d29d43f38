package dev.saferoll.migrations.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** How the reports show times and sizes. */
final class Formats {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {
    }

    static String instant(@Nullable Instant instant, ZoneId zone) {
        return (instant != null) ? TIMESTAMP.format(instant.atZone(zone)) : "-";
    }

    static String duration(@Nullable Duration duration) {
        if (duration == null) {
            return "-";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String sizeDelta(@Nullable Long bytes) {
        if (bytes == null) {
            return "-";
        }
        if (bytes == 0) {
            return "0 B";
        }
        return ((bytes > 0) ? "+" : "-") + size(Math.abs(bytes));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f kB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }

    static String plural(long count, String noun) {
        return count + " " + noun + ((count == 1) ? "" : "s");
    }
}
