package dev.saferoll.migrations.internal.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.saferoll.migrations.database.CatalogColumn;
import dev.saferoll.migrations.sql.SqlName;

/** A catalog written by a unit test: the columns and keys the lint may look up, keyed by {@code table.column}. */
final class TestCatalog implements LintCatalog {

    private final Map<String, CatalogColumn> columns = new HashMap<>();

    private final Map<String, List<String>> keys = new HashMap<>();

    private int version = Integer.MAX_VALUE;

    static TestCatalog empty() {
        return new TestCatalog();
    }

    /** A column that may hold nulls. */
    TestCatalog nullable(String tableAndColumn, String type) {
        this.columns.put(tableAndColumn, new CatalogColumn(type, false, false));
        return this;
    }

    /** A column declared NOT NULL. */
    TestCatalog notNull(String tableAndColumn, String type) {
        this.columns.put(tableAndColumn, new CatalogColumn(type, true, false));
        return this;
    }

    /** A nullable column that a validated CHECK (column IS NOT NULL) proves. */
    TestCatalog proven(String tableAndColumn, String type) {
        this.columns.put(tableAndColumn, new CatalogColumn(type, false, true));
        return this;
    }

    TestCatalog primaryKey(String table, String... columns) {
        this.keys.put(table, List.of(columns));
        return this;
    }

    TestCatalog serverVersion(int major) {
        this.version = major;
        return this;
    }

    @Override
    public Optional<CatalogColumn> column(SqlName table, String column) {
        return Optional.ofNullable(this.columns.get(table.name() + "." + column));
    }

    @Override
    public List<String> primaryKey(SqlName table) {
        return this.keys.getOrDefault(table.name(), List.of());
    }

    @Override
    public int serverMajorVersion() {
        return this.version;
    }
}
