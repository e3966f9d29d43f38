package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.SchemaDrift;
import dev.saferoll.migrations.backfill.Backfill;
import dev.saferoll.migrations.database.CatalogSnapshot;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/**
 * The schema as the last migration run left it, kept in a table beside the history, so that changes made by hand
 * later show as drift. One row; recorded after every run that changed something.
 */
public final class SchemaRecord {

    private static final Logger logger = LoggerFactory.getLogger(SchemaRecord.class);

    private final Connection connection;

    private final Database database;

    private final TableName history;

    private final TableName table;

    SchemaRecord(Connection connection, Database database, TableName history) {
        this.connection = connection;
        this.database = database;
        this.history = history;
        this.table = tableName(history);
    }

    /** The table that records the schema a run left, beside the history table {@code history}. */
    public static TableName tableName(TableName history) {
        String name = (history.name().length() <= 54) ? history.name() + "_schema" : "saferoll_schema";
        return new TableName(history.schema(), name);
    }

    /** Records the schema as it is now; the connection is in autocommit mode. */
    void record() throws SQLException {
        CatalogSnapshot snapshot = capture();
        if (!this.database.tableExists(this.connection, this.table)) {
            Transactions.run(this.connection, () -> execute(new Schema(this.database.dialect())
                .create(this.table, (t) -> {
                    t.integer("id").primary();
                    t.string("fingerprint", 64);
                    t.text("snapshot");
                    t.timestamp("recorded_at");
                })
                .toSql()));
        }
        String quoted = this.table.quoted(this.database.dialect());
        Transactions.run(this.connection, () -> {
            try (Statement delete = this.connection.createStatement()) {
                delete.executeUpdate("DELETE FROM " + quoted);
            }
            try (PreparedStatement insert = this.connection.prepareStatement("INSERT INTO " + quoted
                    + " (id, fingerprint, snapshot, recorded_at) VALUES (1, ?, ?, ?)")) {
                insert.setString(1, snapshot.fingerprint());
                insert.setString(2, String.join("\n", snapshot.lines()));
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        });
        logger.debug("Recorded the schema of {} ({} tables, fingerprint {})", this.history.schema(),
                snapshot.relations().size(), snapshot.fingerprint());
    }

    /** How the live schema differs from the recorded one; empty when nothing was recorded yet. */
    Optional<SchemaDrift> drift() throws SQLException {
        if (!this.database.tableExists(this.connection, this.table)) {
            return Optional.empty();
        }
        String sql = "SELECT fingerprint, snapshot, recorded_at FROM " + this.table.quoted(this.database.dialect());
        try (Statement statement = this.connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                return Optional.empty();
            }
            String fingerprint = rows.getString(1);
            String text = rows.getString(2);
            Instant recordedAt = rows.getTimestamp(3).toInstant();
            CatalogSnapshot live = capture();
            if (live.fingerprint().equals(fingerprint)) {
                return Optional.of(new SchemaDrift(recordedAt, List.of()));
            }
            return Optional.of(new SchemaDrift(recordedAt,
                    CatalogSnapshot.parse(this.history.schema(), text).diff(live)));
        }
    }

    private CatalogSnapshot capture() throws SQLException {
        return CatalogSnapshot.capture(this.connection, this.history.schema(),
                Set.of(this.history.name(), this.table.name(), Backfill.DEFAULT_PROGRESS_TABLE.name()));
    }

    private void execute(List<String> statements) throws SQLException {
        try (Statement statement = this.connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
