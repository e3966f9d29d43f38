package dev.saferoll.migrations.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.DataImpact;
import dev.saferoll.migrations.schema.SchemaCommand;
import dev.saferoll.migrations.schema.TableName;
import dev.saferoll.migrations.schema.grammar.Grammar;

/**
 * Checks a rollback's schema commands against live data before they run: dropping a table that holds rows, or a
 * column (or changing its type) that holds non-null values, is refused unless forced. One guard per {@code down}.
 */
public final class DataLossGuard {

    private static final Logger logger = LoggerFactory.getLogger(DataLossGuard.class);

    private final MigrationVersion version;

    private final boolean force;

    private final List<String> forced = new ArrayList<>();

    /**
     * @param version the migration being rolled back, named in the refusal
     * @param force whether to let the loss happen (logged and noted)
     */
    public DataLossGuard(MigrationVersion version, boolean force) {
        this.version = version;
        this.force = force;
    }

    /**
     * Checks one command on the connection it is about to run on.
     * @throws RollbackWouldLoseDataException if it would lose data and the guard is not forced
     */
    public void check(SchemaCommand command, MigrationConnection connection) {
        DataImpact impact = command.dataImpact();
        if (!impact.affectsData() || impact.table() == null) {
            return;
        }
        TableName table = impact.table();
        if (!exists(table, connection)) {
            return;
        }
        String loss = null;
        if (impact.kind() == DataImpact.Kind.DROPS_ROWS) {
            long rows = count(connection, "SELECT count(*) FROM " + table.quoted(connection.dialect()));
            if (rows > 0) {
                loss = "delete " + number(rows) + " row" + ((rows == 1) ? "" : "s") + " of " + table;
            }
        }
        else {
            List<String> losses = new ArrayList<>();
            for (ColumnName column : impact.columns()) {
                long values = count(connection, "SELECT count(*) FROM " + table.quoted(connection.dialect())
                        + " WHERE " + column.quoted(connection.dialect()) + " IS NOT NULL");
                if (values > 0) {
                    losses.add(number(values) + " non-null value" + ((values == 1) ? "" : "s") + " of " + table + "."
                            + column);
                }
            }
            if (!losses.isEmpty()) {
                loss = ((impact.kind() == DataImpact.Kind.DROPS_VALUES) ? "delete " : "convert (and may change) ")
                        + String.join(" and ", losses);
            }
        }
        if (loss == null) {
            return;
        }
        if (!this.force) {
            throw new RollbackWouldLoseDataException(this.version, loss);
        }
        logger.warn("Rollback of {} will {}: allowed by --force", this.version, loss);
        this.forced.add("forced past the data-loss guard: " + loss);
    }

    /** What the guard let through because it was forced. */
    public List<String> forcedLosses() {
        return List.copyOf(this.forced);
    }

    private static boolean exists(TableName table, MigrationConnection connection) {
        Grammar grammar = connection.dialect().grammar();
        String schema = table.schemaName()
            .orElseGet(() -> connection.queryForOptional(grammar.currentSchemaQuery(), (row) -> row.getString(1))
                .orElse(""));
        return !connection.query(grammar.tableExistsQuery(), (row) -> 1, schema, table.name()).isEmpty();
    }

    private static long count(MigrationConnection connection, String sql) {
        return connection.query(sql, (row) -> row.getLong(1)).get(0);
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
