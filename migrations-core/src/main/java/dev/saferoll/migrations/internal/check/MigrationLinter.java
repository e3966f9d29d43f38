package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.safety.LintFinding;
import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.safety.SafetyAssured;

/**
 * The zero-downtime lint for one migration. Feed it every statement before it runs, the schema builder's included; it
 * classifies each as backward compatible or not. What cannot be parsed is not flagged. A table created earlier in the same migration is
 * new, so indexes and constraints on it are not flagged. Not thread-safe: one instance per migration run.
 */
public final class MigrationLinter {

    private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    private static final Pattern LITERALS = Pattern.compile("'(?:[^']|'')*'");

    private static final String NAME = "((?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(?:\\.(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*))?)";

    private static final Pattern CREATE_TABLE = Pattern.compile("^create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME);

    private static final Pattern CREATE_INDEX = Pattern.compile("^create\\s+(?:unique\\s+)?index\\s+(concurrently\\s+)?.*?\\son\\s+(?:only\\s+)?" + NAME);

    private static final Pattern ALTER_TABLE = Pattern.compile("^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME + "\\s+(.*)$", Pattern.DOTALL);

    private static final Pattern ADD_COLUMN = Pattern.compile("(?:^|,)\\s*add\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?(?!constraint\\b|primary\\b|unique\\b|foreign\\b|check\\b)" + NAME + "((?:[^,(]|\\([^)]*\\))*)");

    private static final Pattern RENAME_COLUMN = Pattern.compile("^rename\\s+(?:column\\s+)?(?!to\\b)" + NAME + "\\s+to\\s+");

    private static final Pattern RENAME_TABLE = Pattern.compile("^rename\\s+to\\s+");

    private static final Pattern ALTER_TYPE = Pattern.compile("alter\\s+(?:column\\s+)?" + NAME + "\\s+(?:set\\s+data\\s+)?type\\s");

    private static final Pattern SET_NOT_NULL = Pattern.compile("alter\\s+(?:column\\s+)?" + NAME + "\\s+set\\s+not\\s+null");

    private static final Pattern DROP_COLUMN = Pattern.compile("(?:^|,)\\s*drop\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?(?!constraint\\b)" + NAME);

    private final MigrationVersion version;

    private final @Nullable SafetyAssured assured;

    private final boolean lockTimeoutSet;

    private final Set<String> createdTables = new HashSet<>();

    private final List<LintFinding> findings = new ArrayList<>();

    private boolean lockTimeoutReported;

    public MigrationLinter(Migration migration, boolean lockTimeoutSet) {
        this(migration.getVersion(), migration.getClass().getAnnotation(SafetyAssured.class), lockTimeoutSet);
    }

    MigrationLinter(MigrationVersion version, @Nullable SafetyAssured assured, boolean lockTimeoutSet) {
        this.version = version;
        this.assured = assured;
        this.lockTimeoutSet = lockTimeoutSet;
    }

    /** Classifies a statement about to run. */
    public List<LintFinding> inspect(String sql) {
        List<LintFinding> found = new ArrayList<>();
        String text = normalize(sql);
        Matcher create = CREATE_TABLE.matcher(text);
        if (create.find()) {
            this.createdTables.add(unquote(create.group(1)));
            return List.of();
        }
        Matcher index = CREATE_INDEX.matcher(text);
        if (index.find()) {
            if (index.group(1) == null && isExisting(unquote(index.group(2)))) {
                found.add(finding(LintRule.NON_CONCURRENT_INDEX, unquote(index.group(2))));
            }
        }
        Matcher alter = ALTER_TABLE.matcher(text);
        if (alter.find()) {
            inspectAlterTable(unquote(alter.group(1)), alter.group(2), found);
        }
        return record(found);
    }

    private void inspectAlterTable(String table, String actions, List<LintFinding> found) {
        boolean existing = isExisting(table);
        if (RENAME_TABLE.matcher(actions).find()) {
            found.add(finding(LintRule.RENAME_TABLE, table));
            return;
        }
        Matcher rename = RENAME_COLUMN.matcher(actions);
        if (rename.find()) {
            found.add(finding(LintRule.RENAME_COLUMN, table + "." + unquote(rename.group(1))));
            return;
        }
        Matcher add = ADD_COLUMN.matcher(actions);
        while (add.find()) {
            String definition = add.group(2);
            if (existing && definition.contains("not null") && !definition.contains("default")
                    && !definition.contains("generated")) {
                found.add(finding(LintRule.ADD_NOT_NULL_COLUMN_WITHOUT_DEFAULT, table + "." + unquote(add.group(1))));
            }
        }
        Matcher type = ALTER_TYPE.matcher(actions);
        while (type.find()) {
            found.add(finding(LintRule.CHANGE_COLUMN_TYPE, table + "." + unquote(type.group(1))));
        }
        Matcher notNull = SET_NOT_NULL.matcher(actions);
        while (existing && notNull.find()) {
            found.add(finding(LintRule.SET_NOT_NULL, table + "." + unquote(notNull.group(1))));
        }
        Matcher drop = DROP_COLUMN.matcher(actions);
        while (drop.find()) {
            found.add(finding(LintRule.DROP_COLUMN, table + "." + unquote(drop.group(1))));
        }
        if (existing && !actions.contains("not valid")) {
            if (actions.contains("foreign key") || actions.contains(" references ")) {
                found.add(finding(LintRule.FOREIGN_KEY_WITHOUT_NOT_VALID, table));
            }
            else if (actions.matches("(?s).*\\bcheck\\s*\\(.*") && actions.contains("add ")) {
                found.add(finding(LintRule.CHECK_WITHOUT_NOT_VALID, table));
            }
        }
    }

    /** Every finding so far, in order. */
    public List<LintFinding> findings() {
        return List.copyOf(this.findings);
    }

    /** The findings no {@link SafetyAssured} acknowledges. */
    public List<LintFinding> unacknowledged() {
        return this.findings.stream().filter((finding) -> !finding.acknowledged()).toList();
    }

    private List<LintFinding> record(List<LintFinding> found) {
        if (!found.isEmpty() && !this.lockTimeoutSet && !this.lockTimeoutReported) {
            this.lockTimeoutReported = true;
            found.add(finding(LintRule.MISSING_LOCK_TIMEOUT, "migrations.lock-timeout"));
        }
        this.findings.addAll(found);
        return List.copyOf(found);
    }

    private LintFinding finding(LintRule rule, String subject) {
        return new LintFinding(this.version, rule, subject, acknowledgement(rule));
    }

    private @Nullable String acknowledgement(LintRule rule) {
        if (this.assured == null) {
            return null;
        }
        LintRule[] rules = this.assured.rules();
        return (rules.length == 0 || Arrays.asList(rules).contains(rule)) ? this.assured.reason() : null;
    }

    private boolean isExisting(String table) {
        return !this.createdTables.contains(table);
    }

    private static String normalize(String sql) {
        String text = COMMENTS.matcher(sql).replaceAll(" ");
        text = LITERALS.matcher(text).replaceAll("''");
        return text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String unquote(String name) {
        String unquoted = name.replace("\"\"", "\u0000").replace("\"", "").replace("\u0000", "\"");
        return unquoted.startsWith("public.") ? unquoted.substring("public.".length()) : unquoted;
    }
}
