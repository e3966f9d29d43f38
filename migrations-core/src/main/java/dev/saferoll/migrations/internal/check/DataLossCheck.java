package dev.saferoll.migrations.internal.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.StatementFailedException;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.TableName;

/**
 * The data-loss guard of one {@code down}: before a statement runs, it reads what the statement would destroy from the
 * live data. Dropping or truncating a table that holds rows, deleting every row, dropping a column or changing its
 * type while it holds values, or dropping a schema with tables that hold rows is refused unless data loss is
 * allowed; then the loss is logged and noted. A statement the reader cannot classify is noted as unverified.
 */
public final class DataLossCheck implements StatementCheck {

    private static final Logger logger = LoggerFactory.getLogger(DataLossCheck.class);

    private final MigrationVersion version;

    private final boolean allowDataLoss;

    private final MigrationConnection live;

    private final List<String> notes = new ArrayList<>();

    /**
     * @param version the migration being rolled back, named in the refusal
     * @param allowDataLoss whether to let a loss happen (logged and noted)
     * @param live where to read the data the statements would destroy
     */
    public DataLossCheck(MigrationVersion version, boolean allowDataLoss, MigrationConnection live) {
        this.version = version;
        this.allowDataLoss = allowDataLoss;
        this.live = live;
    }

    @Override
    public void beforeStatement(String sql, MigrationConnection connection) {
        DataImpacts.Impact impact = DataImpacts.of(sql, this.live.dialect());
        if (impact.unverified()) {
            this.notes.add("unverified: the data-loss guard cannot classify this statement: " + sql);
            return;
        }
        List<String> losses = new ArrayList<>();
        for (DataImpacts.TableImpact table : impact.tables()) {
            losses.addAll(losses(table));
        }
        if (losses.isEmpty()) {
            return;
        }
        String loss = String.join(" and ", losses);
        if (!this.allowDataLoss) {
            throw new RollbackWouldLoseDataException(this.version, loss);
        }
        logger.warn("Rollback of {} will {}: allowed by --allow-data-loss", this.version, loss);
        this.notes.add("allowed past the data-loss guard: " + loss);
    }

    private List<String> losses(DataImpacts.TableImpact impact) {
        TableName table = impact.table();
        if (!exists(table)) {
            return List.of();
        }
        String quoted = table.quoted(this.live.dialect());
        if (impact.columns().isEmpty()) {
            long rows = count("SELECT count(*) FROM " + quoted);
            return (rows > 0) ? List.of("delete " + number(rows) + " row" + plural(rows) + " of " + table) : List.of();
        }
        List<String> values = new ArrayList<>();
        for (ColumnName column : impact.columns()) {
            long count = count("SELECT count(*) FROM " + quoted + " WHERE " + column.quoted(this.live.dialect())
                    + " IS NOT NULL");
            if (count > 0) {
                values.add(number(count) + " non-null value" + plural(count) + " of " + table + "." + column);
            }
        }
        if (values.isEmpty()) {
            return List.of();
        }
        return List.of((impact.convertsValues() ? "convert (and may change) " : "delete ") + String.join(" and ", values));
    }

    private boolean exists(TableName table) {
        try {
            return Database.of(this.live.dialect()).tableExists(this.live.jdbcConnection(), table);
        }
        catch (SQLException ex) {
            throw new StatementFailedException("(catalog lookup of " + table + ")", ex);
        }
    }

    private long count(String sql) {
        return this.live.query(sql, (row) -> row.getLong(1)).get(0);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(this.notes);
    }

    private static String plural(long count) {
        return (count == 1) ? "" : "s";
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
