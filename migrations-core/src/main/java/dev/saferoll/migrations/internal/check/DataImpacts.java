package dev.saferoll.migrations.internal.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.TableName;

/** What a statement would do to stored data, read from its SQL. */
final class DataImpacts {

    private static final String NAME = "((?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(?:\\.(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*))?)";

    private static final Pattern DROP_TABLE = Pattern.compile("^drop\\s+table\\s+(?:if\\s+exists\\s+)?" + NAME);

    private static final Pattern ALTER_TABLE = Pattern.compile("^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME + "\\s+(.*)$", Pattern.DOTALL);

    private static final Pattern DROP_COLUMN = Pattern.compile("(?:^|,)\\s*drop\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?(?!constraint\\b)" + NAME);

    private static final Pattern ALTER_TYPE = Pattern.compile("alter\\s+(?:column\\s+)?" + NAME + "\\s+(?:set\\s+data\\s+)?type\\s");

    private DataImpacts() {
    }

    static Impact of(String sql, Dialect dialect) {
        String text = sql.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        Matcher drop = DROP_TABLE.matcher(text);
        if (drop.find()) {
            return new Impact(List.of(new TableImpact(table(drop.group(1)), List.of(), false)), false);
        }
        Matcher alter = ALTER_TABLE.matcher(text);
        if (alter.find()) {
            TableName table = table(alter.group(1));
            List<TableImpact> impacts = new ArrayList<>();
            List<ColumnName> dropped = new ArrayList<>();
            Matcher column = DROP_COLUMN.matcher(alter.group(2));
            while (column.find()) {
                dropped.add(ColumnName.of(unquote(column.group(1))));
            }
            if (!dropped.isEmpty()) {
                impacts.add(new TableImpact(table, dropped, false));
            }
            Matcher type = ALTER_TYPE.matcher(alter.group(2));
            while (type.find()) {
                impacts.add(new TableImpact(table, List.of(ColumnName.of(unquote(type.group(1)))), true));
            }
            return new Impact(impacts, false);
        }
        return new Impact(List.of(), !(text.startsWith("create ") || text.startsWith("alter ")
                || text.startsWith("drop index ") || text.startsWith("comment ")));
    }

    private static TableName table(String name) {
        return TableName.fromString(unquote(name));
    }

    private static String unquote(String name) {
        return name.replace("\"", "");
    }

    /**
     * @param tables what it would destroy, table by table
     * @param unverified whether the statement could not be classified
     */
    record Impact(List<TableImpact> tables, boolean unverified) {
    }

    /**
     * @param columns the columns whose values go, or none when the table's rows go
     * @param convertsValues whether the values are converted to a new type rather than dropped
     */
    record TableImpact(TableName table, List<ColumnName> columns, boolean convertsValues) {
    }
}
