package dev.saferoll.migrations.schema;

/** What the database does with referencing rows when a referenced row is deleted or updated. */
public enum ForeignKeyAction {

    CASCADE("CASCADE"),
    RESTRICT("RESTRICT"),
    SET_NULL("SET NULL"),
    SET_DEFAULT("SET DEFAULT"),
    NO_ACTION("NO ACTION");

    private final String sql;

    ForeignKeyAction(String sql) {
        this.sql = sql;
    }

    /** The SQL text of the action, for example {@code SET NULL}. */
    public String sql() {
        return this.sql;
    }
}
