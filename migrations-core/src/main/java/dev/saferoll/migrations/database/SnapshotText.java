package dev.saferoll.migrations.database;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.database.CatalogSnapshot.Column;
import dev.saferoll.migrations.database.CatalogSnapshot.Constraint;
import dev.saferoll.migrations.database.CatalogSnapshot.Index;
import dev.saferoll.migrations.database.CatalogSnapshot.Relation;

/**
 * The stored form of a {@link CatalogSnapshot}: one line of tab-separated fields per object, with tabs, newlines,
 * backslashes and nulls escaped, so drift detection can keep the schema recorded after a run in one text column.
 */
final class SnapshotText {

    private SnapshotText() {
    }

    static List<String> lines(CatalogSnapshot snapshot) {
        List<String> lines = new ArrayList<>();
        snapshot.relations().forEach((r) -> lines.add(line("R", r.name(), r.kind())));
        snapshot.columns().forEach((c) -> lines.add(line("C", c.table(), c.name(), c.type(),
                String.valueOf(c.notNull()), c.defaultValue(), c.generated())));
        snapshot.indexes().forEach((i) -> lines.add(line("I", i.table(), i.name(), i.definition())));
        snapshot.constraints().forEach((k) -> lines.add(line("K", k.table(), k.name(), k.type(), k.definition())));
        return lines;
    }

    static CatalogSnapshot parse(String schema, String text) {
        List<Relation> relations = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<@Nullable String> f = fields(line);
            switch (String.valueOf(f.get(0))) {
                case "R" -> relations.add(new Relation(text(f, 1), text(f, 2)));
                case "C" -> columns.add(new Column(text(f, 1), text(f, 2), text(f, 3), "true".equals(f.get(4)),
                        f.get(5), f.get(6)));
                case "I" -> indexes.add(new Index(text(f, 1), text(f, 2), text(f, 3)));
                case "K" -> constraints.add(new Constraint(text(f, 1), text(f, 2), text(f, 3), text(f, 4)));
                default -> throw new IllegalArgumentException("Not a snapshot line: " + line);
            }
        }
        return new CatalogSnapshot(schema, relations, columns, indexes, constraints);
    }

    private static String line(String kind, @Nullable String... values) {
        StringBuilder line = new StringBuilder(kind);
        for (String value : values) {
            line.append('\t').append((value == null) ? "\\N" : value.replace("\\", "\\\\").replace("\t", "\\t")
                .replace("\n", "\\n"));
        }
        return line.toString();
    }

    private static List<@Nullable String> fields(String line) {
        List<@Nullable String> fields = new ArrayList<>();
        for (String field : line.split("\t", -1)) {
            if (field.equals("\\N")) {
                fields.add(null);
                continue;
            }
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c == '\\' && i + 1 < field.length()) {
                    char next = field.charAt(++i);
                    value.append((next == 't') ? '\t' : (next == 'n') ? '\n' : next);
                }
                else {
                    value.append(c);
                }
            }
            fields.add(value.toString());
        }
        return fields;
    }

    static String text(List<@Nullable String> row, int index) {
        String value = row.get(index);
        return (value != null) ? value : "";
    }
}
