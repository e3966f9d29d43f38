package dev.saferoll.migrations.backfill;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.StatementFailedException;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/** The table that remembers how far each backfill got. Standard SQL only; one row per backfill name. */
final class ProgressStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final MigrationConnection connection;

    private final TableName table;

    private final String quotedTable;

    ProgressStore(MigrationConnection connection, TableName table) {
        this.connection = connection;
        this.table = table;
        this.quotedTable = table.quoted(connection.dialect());
    }

    void createIfMissing() {
        if (exists()) {
            return;
        }
        try {
            new Schema(this.connection).create(this.table, (table) -> {
                table.string("name", 200).primary();
                table.string("table_name", 200);
                table.string("key_column", 63);
                table.text("last_key").nullable();
                table.bigInteger("rows_done").defaultTo(0);
                table.bigInteger("batches").defaultTo(0);
                table.timestamp("started_at").useCurrent();
                table.timestamp("updated_at").useCurrent();
                table.timestamp("finished_at").nullable();
            }).execute();
        }
        catch (StatementFailedException ex) {
            // Another runner may have created it in the meantime (auto-commit, so nothing is left half done).
            if (!exists()) {
                throw ex;
            }
        }
    }

    void insertIfMissing(String name, String tableName, String keyColumn) {
        try {
            this.connection.execute("INSERT INTO " + this.quotedTable + " (name, table_name, key_column) "
                    + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + this.quotedTable + " WHERE name = ?)", name,
                    tableName, keyColumn, name);
        }
        catch (StatementFailedException ex) {
            if (!UNIQUE_VIOLATION.equals(ex.getSqlState())) {
                throw ex;
            }
        }
    }

    private boolean exists() {
        try {
            return Database.of(this.connection.dialect()).tableExists(this.connection.jdbcConnection(), this.table);
        }
        catch (SQLException ex) {
            throw new StatementFailedException("(catalog lookup of " + this.table + ")", ex);
        }
    }

    Optional<Row> read(String name) {
        return first(select(name, ""));
    }

    /** Reads the row and locks it until the transaction ends, so that two runners of one backfill take turns. */
    Row lock(String name) {
        return first(select(name, " FOR UPDATE")).orElseThrow(() -> new IllegalStateException(
                "The progress row of backfill '" + name + "' disappeared from " + this.table));
    }

    void advance(String name, String lastKey, long rows) {
        this.connection.execute("UPDATE " + this.quotedTable + " SET last_key = ?, rows_done = rows_done + ?, "
                + "batches = batches + 1, updated_at = CURRENT_TIMESTAMP WHERE name = ?", lastKey, rows, name);
    }

    void finish(String name) {
        this.connection.execute("UPDATE " + this.quotedTable
                + " SET finished_at = CURRENT_TIMESTAMP, updated_at = CURRENT_TIMESTAMP WHERE name = ?", name);
    }

    private List<Row> select(String name, String suffix) {
        return this.connection.query("SELECT table_name, key_column, last_key, rows_done, batches, "
                + "finished_at IS NOT NULL FROM " + this.quotedTable + " WHERE name = ?" + suffix,
                (row) -> new Row(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getBoolean(6)),
                name);
    }

    private static Optional<Row> first(List<Row> rows) {
        return rows.stream().findFirst();
    }

    record Row(String tableName, String keyColumn, @Nullable String lastKey, long rowsDone, long batches,
            boolean finished) {
    }
}
