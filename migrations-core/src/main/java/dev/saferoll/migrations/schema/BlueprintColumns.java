package dev.saferoll.migrations.schema;

/**
 * The column half of a {@link Blueprint}: one shortcut per column type, each with a {@link ColumnName} and a
 * {@link String} form (the text is validated as an identifier first). Applications use these through
 * {@link Blueprint}; the table commands live there.
 */
abstract sealed class BlueprintColumns permits Blueprint {

    BlueprintColumns() {
    }

    /** Records a column and returns it for its modifiers. */
    abstract ColumnDefinition add(ColumnDefinition column);

    /** An auto-incrementing {@code bigint} primary key named {@code id}. */
    public ColumnDefinition id() {
        return id(ColumnName.of("id"));
    }

    /** An auto-incrementing {@code bigint} primary key. */
    public ColumnDefinition id(ColumnName name) {
        return add(new ColumnDefinition(name, new ColumnType.BigIntegerType(), true)).primary();
    }

    public ColumnDefinition id(String name) {
        return id(ColumnName.fromString(name));
    }

    /**
     * An auto-incrementing {@code integer} primary key, as in Laravel: for tables whose keys other tables reference
     * as {@code integer} columns. Prefer {@link #id()} for new tables.
     */
    public ColumnDefinition increments(ColumnName name) {
        return add(new ColumnDefinition(name, new ColumnType.IntegerType(), true)).primary();
    }

    public ColumnDefinition increments(String name) {
        return increments(ColumnName.fromString(name));
    }

    /** A {@code varchar(255)}. */
    public ColumnDefinition string(ColumnName name) {
        return string(name, 255);
    }

    public ColumnDefinition string(String name) {
        return string(ColumnName.fromString(name));
    }

    /** A {@code varchar(length)}. */
    public ColumnDefinition string(ColumnName name, int length) {
        return column(name, new ColumnType.VarChar(length));
    }

    public ColumnDefinition string(String name, int length) {
        return string(ColumnName.fromString(name), length);
    }

    public ColumnDefinition text(ColumnName name) {
        return column(name, new ColumnType.Text());
    }

    public ColumnDefinition text(String name) {
        return text(ColumnName.fromString(name));
    }

    public ColumnDefinition integer(ColumnName name) {
        return column(name, new ColumnType.IntegerType());
    }

    public ColumnDefinition integer(String name) {
        return integer(ColumnName.fromString(name));
    }

    public ColumnDefinition bigInteger(ColumnName name) {
        return column(name, new ColumnType.BigIntegerType());
    }

    public ColumnDefinition bigInteger(String name) {
        return bigInteger(ColumnName.fromString(name));
    }

    /** A {@code boolean} column ({@code boolean} is a Java keyword). */
    public ColumnDefinition bool(ColumnName name) {
        return column(name, new ColumnType.BooleanType());
    }

    public ColumnDefinition bool(String name) {
        return bool(ColumnName.fromString(name));
    }

    /** An exact number with {@code precision} digits, {@code scale} of them after the point. */
    public ColumnDefinition decimal(ColumnName name, int precision, int scale) {
        return column(name, new ColumnType.DecimalType(precision, scale));
    }

    public ColumnDefinition decimal(String name, int precision, int scale) {
        return decimal(ColumnName.fromString(name), precision, scale);
    }

    public ColumnDefinition uuid(ColumnName name) {
        return column(name, new ColumnType.UuidType());
    }

    public ColumnDefinition uuid(String name) {
        return uuid(ColumnName.fromString(name));
    }

    public ColumnDefinition json(ColumnName name) {
        return column(name, new ColumnType.JsonType());
    }

    public ColumnDefinition json(String name) {
        return json(ColumnName.fromString(name));
    }

    public ColumnDefinition jsonb(ColumnName name) {
        return column(name, new ColumnType.JsonbType());
    }

    public ColumnDefinition jsonb(String name) {
        return jsonb(ColumnName.fromString(name));
    }

    /** A timestamp with time zone. */
    public ColumnDefinition timestamp(ColumnName name) {
        return column(name, new ColumnType.TimestampType());
    }

    public ColumnDefinition timestamp(String name) {
        return timestamp(ColumnName.fromString(name));
    }

    public ColumnDefinition date(ColumnName name) {
        return column(name, new ColumnType.DateType());
    }

    public ColumnDefinition date(String name) {
        return date(ColumnName.fromString(name));
    }

    /** Nullable {@code created_at} and {@code updated_at} timestamps with time zone. */
    public void timestamps() {
        timestamp(ColumnName.of("created_at")).nullable();
        timestamp(ColumnName.of("updated_at")).nullable();
    }

    /** Adds a column of any type. */
    public ColumnDefinition column(ColumnName name, ColumnType type) {
        return add(new ColumnDefinition(name, type, false));
    }
}
