package dev.saferoll.migrations;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;

/**
 * A migration's version: a timestamp in the form {@code YYYY_MM_DD_HHMMSS}, such as {@code 2024_01_15_143000}.
 * Immutable and ordered by time. The canonical text form is what the history table stores.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

    /** The expected form, shown in every error message. */
    public static final String FORMAT = "YYYY_MM_DD_HHMMSS";


    private static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("uuuu_MM_dd_HHmmss")
        .withResolverStyle(ResolverStyle.STRICT);

    private final LocalDateTime timestamp;

    private final String value;

    private MigrationVersion(LocalDateTime timestamp) {
        this(timestamp, FORMATTER.format(timestamp));
    }

    private MigrationVersion(LocalDateTime timestamp, String value) {
        this.timestamp = timestamp;
        this.value = value;
    }

    /**
     * Parses a version such as {@code 2024_12_20_100000}.
     * @throws InvalidMigrationVersionException if the text is not of the form {@value #FORMAT} or not a real date
     */
    public static MigrationVersion fromTimestamp(String text) {
        if (text == null) {
            throw new InvalidMigrationVersionException("Migration version must not be null");
        }
        if (!hasShape(text)) {
            throw new InvalidMigrationVersionException("Invalid migration version '" + abbreviate(text) + "'");
        }
        // Parsed by hand: every startup parses each history row's version, and DateTimeFormatter made that the
        // largest cost of deciding that nothing is pending. LocalDateTime.of rejects impossible dates just as the
        // strict formatter does.
        try {
            return new MigrationVersion(LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                    digits(text, 11, 13), digits(text, 13, 15), digits(text, 15, 17)), text);
        }
        catch (DateTimeException ex) {
            throw new InvalidMigrationVersionException("Invalid migration version '" + text
                    + "': not a real date and time");
        }
    }

    private static boolean hasShape(String text) {
        if (text.length() != 17) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean separator = i == 4 || i == 7 || i == 10;
            if (separator ? c != '_' : (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** Same as {@link #fromTimestamp(String)}; reads like the seed's PHP API. */
    public static MigrationVersion fromString(String text) {
        return fromTimestamp(text);
    }

    /** The version for a point in time, truncated to seconds. */
    public static MigrationVersion of(LocalDateTime timestamp) {
        Objects.requireNonNull(timestamp, "timestamp");
        return new MigrationVersion(timestamp.withNano(0));
    }

    /** The timestamp this version stands for. */
    public LocalDateTime timestamp() {
        return this.timestamp;
    }

    /** The canonical text form, for example {@code 2024_01_15_143000}. */
    public String value() {
        return this.value;
    }

    @Override
    public int compareTo(MigrationVersion other) {
        return this.timestamp.compareTo(other.timestamp);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationVersion version && version.timestamp.equals(this.timestamp);
    }

    @Override
    public int hashCode() {
        return this.timestamp.hashCode();
    }

    @Override
    public String toString() {
        return this.value;
    }

    static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return (printable.length() <= 40) ? printable : printable.substring(0, 40) + "...";
    }
}
