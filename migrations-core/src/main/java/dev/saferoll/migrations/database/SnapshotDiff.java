package dev.saferoll.migrations.database;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.saferoll.migrations.database.CatalogSnapshot.Column;
import dev.saferoll.migrations.database.CatalogSnapshot.Constraint;
import dev.saferoll.migrations.database.CatalogSnapshot.Index;
import dev.saferoll.migrations.database.CatalogSnapshot.Relation;

/**
 * How two {@link CatalogSnapshot}s differ, as readable {@code +}, {@code -} and {@code ~} lines, for the
 * round-trip checker and drift detection.
 */
final class SnapshotDiff {

    private SnapshotDiff() {
    }

    static List<String> diff(CatalogSnapshot before, CatalogSnapshot after) {
        List<String> lines = new ArrayList<>();
        Set<String> onlyHere = tableNames(before.relations(), after.relations());
        Set<String> onlyThere = tableNames(after.relations(), before.relations());
        diff(lines, before.relations(), after.relations(), Relation::key, Relation::describe, Relation::change,
                Set.of(), Set.of(), (relation) -> "");
        diff(lines, before.columns(), after.columns(), Column::key, Column::describe, Column::change, onlyHere,
                onlyThere, Column::table);
        diff(lines, before.indexes(), after.indexes(), Index::key, Index::describe, Index::change, onlyHere, onlyThere,
                Index::table);
        diff(lines, before.constraints(), after.constraints(), Constraint::key, Constraint::describe,
                Constraint::change, onlyHere, onlyThere, Constraint::table);
        return List.copyOf(lines);
    }

    private static <T> void diff(List<String> lines, List<T> here, List<T> there, Function<T, String> key,
            Function<T, String> describe, Changes<T> change, Set<String> tablesOnlyHere, Set<String> tablesOnlyThere,
            Function<T, String> table) {
        Map<String, T> mine = byKey(here, key);
        Map<String, T> theirs = byKey(there, key);
        for (Map.Entry<String, T> entry : mine.entrySet()) {
            T counterpart = theirs.get(entry.getKey());
            if (counterpart == null) {
                if (!tablesOnlyHere.contains(table.apply(entry.getValue()))) {
                    lines.add("- " + describe.apply(entry.getValue()));
                }
            }
            else if (!counterpart.equals(entry.getValue())) {
                lines.add("~ " + change.describe(entry.getValue(), counterpart));
            }
        }
        for (Map.Entry<String, T> entry : theirs.entrySet()) {
            if (!mine.containsKey(entry.getKey()) && !tablesOnlyThere.contains(table.apply(entry.getValue()))) {
                lines.add("+ " + describe.apply(entry.getValue()));
            }
        }
    }

    private static Set<String> tableNames(List<Relation> relations, List<Relation> except) {
        Set<String> others = new HashSet<>();
        except.forEach((relation) -> others.add(relation.name()));
        Set<String> names = new HashSet<>();
        relations.stream().filter((relation) -> !others.contains(relation.name()))
            .forEach((relation) -> names.add(relation.name()));
        return names;
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach((item) -> map.put(key.apply(item), item));
        return map;
    }

    @FunctionalInterface
    private interface Changes<T> {

        String describe(T before, T after);
    }
}
