package dev.saferoll.migrations.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the {@code public} schema from the catalog: tables, columns (type, nullability, default), indexes and
 * constraints, one line each, sorted. The history table is left out. Two snapshots are equal when the schema is.
 * @param lines one line per catalog fact
 */
public record SchemaSnapshot(List<String> lines) {

    private static final String EXCLUDED = "'schema_migrations'";

    public static SchemaSnapshot of(TestDatabase database) {
        List<String> lines = new ArrayList<>();
        lines.addAll(database.queryForStrings("SELECT 'column ' || table_name || '.' || column_name || ' ' || "
                + "data_type || coalesce('(' || character_maximum_length || ')', '') || "
                + "CASE WHEN is_nullable = 'YES' THEN ' null' ELSE ' not null' END || "
                + "coalesce(' default ' || column_default, '') FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name <> " + EXCLUDED + " ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT 'index ' || indexdef FROM pg_indexes "
                + "WHERE schemaname = 'public' AND tablename <> " + EXCLUDED + " ORDER BY 1"));
        lines.addAll(database.queryForStrings("SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname "
                + "|| ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n "
                + "ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> "
                + EXCLUDED + " ORDER BY 1"));
        return new SchemaSnapshot(List.copyOf(lines));
    }

    @Override
    public String toString() {
        return String.join("\n", this.lines);
    }
}
