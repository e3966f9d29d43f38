package dev.saferoll.migrations.schema;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What a schema command does to data that is already stored; the safety checks ask this before a rollback runs.
 * @param kind what kind of impact
 * @param table the affected table, {@code null} for {@link Kind#NONE}
 * @param columns the affected columns; empty for {@link Kind#NONE} and {@link Kind#DROPS_ROWS}
 */
public record DataImpact(Kind kind, @Nullable TableName table, List<ColumnName> columns) {

    private static final DataImpact NONE = new DataImpact(Kind.NONE, null, List.of());

    public DataImpact {
        columns = List.copyOf(columns);
    }

    public static DataImpact none() {
        return NONE;
    }

    /** Every row of the table is deleted. */
    public static DataImpact dropsRows(TableName table) {
        return new DataImpact(Kind.DROPS_ROWS, table, List.of());
    }

    /** The non-null values of the columns are deleted. */
    public static DataImpact dropsValues(TableName table, List<ColumnName> columns) {
        return new DataImpact(Kind.DROPS_VALUES, table, columns);
    }

    /** The values of the column are converted and may change or fail to convert. */
    public static DataImpact mayChangeValues(TableName table, ColumnName column) {
        return new DataImpact(Kind.MAY_CHANGE_VALUES, table, List.of(column));
    }

    /** Whether stored data can be lost or altered. */
    public boolean affectsData() {
        return this.kind != Kind.NONE;
    }

    /** Whether stored data is deleted for good. */
    public boolean destroysData() {
        return this.kind == Kind.DROPS_ROWS || this.kind == Kind.DROPS_VALUES;
    }

    /** A readable description, for example {@code rows of table users}. */
    public String description() {
        return switch (this.kind) {
            case NONE -> "no stored data";
            case DROPS_ROWS -> "rows of table " + this.table;
            case DROPS_VALUES -> "non-null values of " + qualifiedColumns();
            case MAY_CHANGE_VALUES -> "values of " + qualifiedColumns() + " (converted to a new type)";
        };
    }

    private String qualifiedColumns() {
        return this.columns.stream().map((column) -> this.table + "." + column).collect(Collectors.joining(", "));
    }

    /** The kinds of impact. */
    public enum Kind {
        /** Stored data is untouched. */
        NONE,
        /** All rows of a table are deleted. */
        DROPS_ROWS,
        /** The values of columns are deleted. */
        DROPS_VALUES,
        /** The values of a column are converted. */
        MAY_CHANGE_VALUES
    }
}
