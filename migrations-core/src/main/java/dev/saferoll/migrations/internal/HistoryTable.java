package dev.saferoll.migrations.internal;

import java.util.List;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.IndexName;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/**
 * The history table, written with the schema builder. The partial unique index makes a second APPLIED (or FAILED)
 * row for a version impossible, even if the lock failed.
 */
final class HistoryTable {

    private HistoryTable() {
    }

    static List<String> statements(TableName table, Dialect dialect) {
        String indexName = table.name().length() <= 48 ? table.name() + "_version_active" : "saferoll_version_active";
        return new Schema(dialect).create(table, (t) -> {
            t.id();
            t.string("version", 17);
            t.text("description");
            t.string("domain", 100);
            t.bool("reversible");
            t.string("status", 20);
            t.timestamp("applied_at");
            t.string("applied_by");
            t.bigInteger("execution_time_ms");
            t.bigInteger("size_before_bytes").nullable();
            t.bigInteger("size_after_bytes").nullable();
            t.timestamp("rolled_back_at").nullable();
            t.string("rolled_back_by").nullable();
            t.bigInteger("rollback_time_ms").nullable();
            t.string("checksum", 64).nullable();
            t.unique(IndexName.of(indexName), ColumnName.of("version")).where("status IN ('APPLIED', 'FAILED')");
        }).toSql();
    }

    /** What a table created before checksums were recorded lacks. */
    static List<String> upgradeStatements(TableName table, Dialect dialect) {
        return new Schema(dialect).table(table, (t) -> t.string("checksum", 64).nullable()).toSql();
    }
}
