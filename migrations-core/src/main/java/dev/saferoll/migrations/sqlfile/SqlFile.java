package dev.saferoll.migrations.sqlfile;

import java.util.Objects;

/**
 * One SQL file as found: where it lives, the folder it sits in below its location (its domain), and its text.
 * @param location a description of the file for messages, such as {@code classpath:db/migrations/billing/x.sql}
 * @param folder the sub-folder below the location root, or empty for the root itself
 * @param fileName the file's name
 * @param text the file's content
 */
public record SqlFile(String location, String folder, String fileName, String text) {

    public SqlFile {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(text, "text");
    }
}
