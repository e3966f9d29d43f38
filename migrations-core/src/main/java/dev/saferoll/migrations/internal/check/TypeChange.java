package dev.saferoll.migrations.internal.check;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlToken;

/**
 * A column's type change, judged from the old type (as the catalog writes it) and the new one (as the statement writes
 * it). PostgreSQL keeps the values and the files, with no rewrite and no scan, when the new type is binary coercible
 * from the old one and only relaxes its limits: the same type, {@code varchar(n)} to a longer {@code varchar}, to an
 * unbounded {@code varchar} or to {@code text}, {@code text} to an unbounded {@code varchar}, and {@code numeric(p, s)}
 * to a higher precision at the same scale or to an unbounded {@code numeric}. Anything else may convert the values.
 */
final class TypeChange {

    private static final Pattern SIZED = Pattern.compile("([a-z][a-z0-9_ ]*?)\\s*(?:\\(([0-9 ,]+)\\))?");

    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("character varying", "varchar"),
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("serial", "integer"), Map.entry("serial4", "integer"),
            Map.entry("bigserial", "bigint"), Map.entry("serial8", "bigint"), Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"), Map.entry("decimal", "numeric"), Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"), Map.entry("float4", "real"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("character", "char"),
            Map.entry("bpchar", "char"));

    private TypeChange() {
    }

    /**
     * A type as one canonical string, so that {@code VARCHAR (20)}, {@code character varying(20)} and
     * {@code varchar(20)} compare equal, and so do {@code int4}, {@code int} and {@code integer}.
     */
    static String canonical(String type) {
        String text = type.trim().toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\s+", " ");
        if (text.startsWith("pg_catalog.")) {
            text = text.substring("pg_catalog.".length());
        }
        Matcher matcher = SIZED.matcher(text);
        if (!matcher.matches()) {
            return text;
        }
        String base = ALIASES.getOrDefault(matcher.group(1).trim(), matcher.group(1).trim());
        return (matcher.group(2) != null) ? base + "(" + matcher.group(2).replace(" ", "") + ")" : base;
    }

    /** Whether changing {@code oldType} to {@code newType} keeps every value and needs no rewrite or scan. */
    static boolean keepsValues(String oldType, String newType) {
        String from = canonical(oldType);
        String to = canonical(newType);
        if (from.equals(to)) {
            return true;
        }
        String fromBase = base(from);
        String toBase = base(to);
        if (fromBase.equals("varchar") && (to.equals("text") || to.equals("varchar"))) {
            return true;
        }
        if (from.equals("text") && to.equals("varchar")) {
            return true;
        }
        if (fromBase.equals("varchar") && toBase.equals("varchar")) {
            return limits(to)[0] >= limits(from)[0];
        }
        if (fromBase.equals("numeric") && to.equals("numeric")) {
            return true;
        }
        if (fromBase.equals("numeric") && toBase.equals("numeric") && from.contains("(") && to.contains("(")) {
            int[] old = limits(from);
            int[] now = limits(to);
            return now.length == 2 && old.length == 2 && now[1] == old[1] && now[0] >= old[0];
        }
        return false;
    }

    /**
     * Whether a {@code USING} expression only casts the column to its new type, as the schema builder writes it
     * ({@code "col"::type}), so that PostgreSQL judges the change as it would without the clause.
     * @param using the tokens after {@code USING}, or {@code null} when there is no such clause
     */
    static boolean isPlainCast(@Nullable SqlFragment using, String column, String newType) {
        if (using == null || using.tokens().isEmpty()) {
            return true;
        }
        SqlToken first = using.tokens().get(0);
        if (!first.isName() || !using.nameAt(0).name().equals(column)) {
            return false;
        }
        if (using.tokens().size() == 1) {
            return true;
        }
        return using.tokens().get(1).is("::") && canonical(using.from(2).text()).equals(canonical(newType));
    }

    private static String base(String canonical) {
        int parenthesis = canonical.indexOf('(');
        return (parenthesis >= 0) ? canonical.substring(0, parenthesis) : canonical;
    }

    private static int[] limits(String canonical) {
        int open = canonical.indexOf('(');
        if (open < 0) {
            return new int[0];
        }
        String[] parts = canonical.substring(open + 1, canonical.length() - 1).split(",");
        int[] limits = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            limits[i] = Integer.parseInt(parts[i].trim());
        }
        return limits;
    }
}
