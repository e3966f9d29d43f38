package dev.saferoll.migrations.internal;

import java.util.List;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.Grammar;
import dev.saferoll.migrations.schema.IndexName;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/**
 * The history table, written with the schema builder. A unique index makes a second APPLIED (or FAILED) row for a
 * version impossible, even if the lock failed. On PostgreSQL it is a partial index on {@code version}. Where there
 * are no partial indexes (H2, MySQL, MariaDB), it is a unique index on {@code active_version}, a column the database
 * computes: the version while the row is APPLIED or FAILED, otherwise NULL, and NULLs never collide. The history's
 * DML stays the same standard SQL on every dialect, since nothing writes that column.
 */
final class HistoryTable {

    private static final String ACTIVE = "status IN ('APPLIED', 'FAILED')";

    // A simple CASE, not IN nor OR (which H2 turns into IN): H2 2.x evaluates a constant IN list with the session
    // that created the table, and fails once that session has closed.
    private static final String ACTIVE_VERSION = "CASE status WHEN 'APPLIED' THEN version WHEN 'FAILED' THEN version "
            + "END";

    private HistoryTable() {
    }

    static List<String> statements(TableName table, Dialect dialect) {
        String indexName = table.name().length() <= 48 ? table.name() + "_version_active" : "saferoll_version_active";
        boolean partialIndex = Grammar.of(dialect).supportsPartialIndexes();
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
            if (partialIndex) {
                t.unique(IndexName.of(indexName), ColumnName.of("version")).where(ACTIVE);
            }
            else {
                t.string("active_version", 17).nullable().storedAs(ACTIVE_VERSION);
                t.unique(IndexName.of(indexName), ColumnName.of("active_version"));
            }
        }).toSql();
    }

    /** What a table created before checksums were recorded lacks. */
    static List<String> upgradeStatements(TableName table, Dialect dialect) {
        return new Schema(dialect).table(table, (t) -> t.string("checksum", 64).nullable()).toSql();
    }
}
