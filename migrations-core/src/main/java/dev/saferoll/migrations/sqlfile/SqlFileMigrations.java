package dev.saferoll.migrations.sqlfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.MigrationVersion;

/**
 * Turns SQL files into migrations. A file is named {@code YYYY_MM_DD_HHMMSS_description.sql}; its domain is the
 * sub-folder it sits in ({@code default} at the root); a {@code YYYY_MM_DD_HHMMSS_description.down.sql} beside it
 * makes it safely reversible. A first line of exactly {@value #NO_TRANSACTION} makes it run outside a transaction.
 */
public final class SqlFileMigrations {

    /** The first line that makes a SQL-file migration run outside a transaction. */
    public static final String NO_TRANSACTION = "-- saferoll:no-transaction";

    private static final Pattern BLOCK_COMMENTS = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

    private static final Pattern COMMENT_LINES = Pattern.compile("(?m)^\\s*(--|#).*$");

    private static final Pattern NAME = Pattern.compile(
            "(\\d{4}_\\d{2}_\\d{2}_\\d{6})_([A-Za-z0-9_]+?)(\\.down)?\\.sql");

    private SqlFileMigrations() {
    }

    /**
     * The migrations of these files, ordered by version.
     * @throws MigrationException with {@link ErrorCode#INVALID_INPUT} naming the file for a name that does not fit,
     * a {@code .down.sql} without its migration, two files of one version, or a file that holds only comments
     */
    public static List<SqlFileMigration> of(List<SqlFile> files) {
        Map<String, SqlFile> ups = new LinkedHashMap<>();
        Map<String, SqlFile> downs = new LinkedHashMap<>();
        for (SqlFile file : files) {
            Matcher name = NAME.matcher(file.fileName());
            if (!name.matches()) {
                throw new MigrationException(ErrorCode.INVALID_INPUT, "Invalid SQL migration file name '"
                        + file.fileName() + "' (" + file.location() + ")", "Name it YYYY_MM_DD_HHMMSS_description.sql,"
                                + " for example 2024_12_20_100000_create_invoices.sql (make:migration Name --sql "
                                + "writes one)");
            }
            if (holdsNoStatement(file.text())) {
                throw new MigrationException(ErrorCode.INVALID_INPUT, "SQL migration file " + file.location()
                        + " holds no statement, only comments", "Write its statements, each ending with ;, or "
                                + "delete the file");
            }
            Map<String, SqlFile> target = (name.group(3) != null) ? downs : ups;
            SqlFile previous = target.put(name.group(1), file);
            if (previous != null) {
                throw new MigrationException(ErrorCode.INVALID_INPUT, "Two SQL migration files have version "
                        + name.group(1) + ": " + previous.location() + " and " + file.location(),
                        "Give one of them a new version");
            }
        }
        for (Map.Entry<String, SqlFile> down : downs.entrySet()) {
            if (!ups.containsKey(down.getKey())) {
                throw new MigrationException(ErrorCode.INVALID_INPUT, "Rollback file " + down.getValue().location()
                        + " has no migration file of version " + down.getKey(),
                        "Rename it after its migration, for example " + down.getKey() + "_description.down.sql");
            }
        }
        List<SqlFileMigration> migrations = new ArrayList<>();
        for (Map.Entry<String, SqlFile> entry : ups.entrySet()) {
            SqlFile up = entry.getValue();
            Matcher name = NAME.matcher(up.fileName());
            name.matches();
            MigrationVersion version = MigrationVersion.fromTimestamp(entry.getKey());
            String description = description(name.group(2));
            String domain = up.folder().isEmpty() ? "default" : up.folder();
            boolean transactional = !up.text().stripLeading().startsWith(NO_TRANSACTION);
            SqlFile down = downs.get(entry.getKey());
            migrations.add((down != null)
                    ? new SqlFileMigration.Reversible(version, description, domain, up, down, transactional)
                    : new SqlFileMigration(version, description, domain, up, transactional));
        }
        migrations.sort((a, b) -> a.getVersion().compareTo(b.getVersion()));
        return migrations;
    }

    /** {@code create_invoices_table} becomes {@code Create invoices table}. */
    static String description(String name) {
        String words = name.replace('_', ' ').trim();
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** Whether the text is only blank lines and comments ({@code --}, {@code #} and block comments). */
    static boolean holdsNoStatement(String text) {
        return COMMENT_LINES.matcher(BLOCK_COMMENTS.matcher(text).replaceAll("")).replaceAll("").isBlank();
    }
}
