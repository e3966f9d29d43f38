package dev.saferoll.migrations.internal.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.StatementFailedException;
import dev.saferoll.migrations.database.CatalogColumn;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.internal.check.DataImpacts.Impact;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.StatementReader;

/**
 * The data-loss guard of one {@code down}: before a statement runs, it reads what the statement would destroy from the
 * live data. The schema builder's SQL and raw SQL go the same way, through the SQL reader, statement by statement.
 * Dropping or truncating a table that holds rows, deleting every row, dropping a column or changing its type while it
 * holds values, or dropping a schema with tables that hold rows is refused unless data loss is allowed; then the loss
 * is logged and noted. A type change that keeps every value (a wider {@code varchar}, {@code varchar} to {@code text})
 * is no loss. A statement the reader cannot classify (an {@code UPDATE}, a {@code DELETE} with a {@code WHERE}, a
 * {@code DO} block) is noted as unverified and let through.
 */
public final class DataLossCheck implements StatementCheck {

    private static final Logger logger = LoggerFactory.getLogger(DataLossCheck.class);

    private final MigrationVersion version;

    private final boolean allowDataLoss;

    private final MigrationConnection live;

    private final Database database;

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
        this.database = Database.of(live.dialect());
    }

    @Override
    public void beforeStatement(String sql, MigrationConnection connection) {
        List<String> losses = new ArrayList<>();
        for (Impact impact : DataImpacts.of(sql, StatementReader.of(this.live.dialect()))) {
            if (impact.kind() == DataImpacts.Kind.UNVERIFIED) {
                this.notes.add("unverified: the data-loss guard cannot classify this statement: " + impact.statement());
            }
            else {
                losses.addAll(losses(impact));
            }
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

    private List<String> losses(Impact impact) {
        SqlName table = impact.table();
        if (table == null) {
            return List.of();
        }
        return switch (impact.kind()) {
            case DELETES_ROWS -> rows(table).filter((rows) -> rows > 0)
                .map((rows) -> List.of("delete " + count(rows, "row") + " of " + table))
                .orElse(List.of());
            case DELETES_VALUES -> values(table, impact.columns(), "delete ");
            case CONVERTS_VALUES -> keepsValues(table, impact) ? List.of()
                    : values(table, impact.columns(), "convert (and may change) ");
            case REWRITES_VALUES -> values(table, impact.columns(), "replace ");
            case DROPS_SCHEMA -> schema(table.name());
            case UNVERIFIED -> List.of();
        };
    }

    private List<String> schema(String schema) {
        List<String> tables = new ArrayList<>();
        long total = 0;
        for (String name : catalog(() -> this.database.tables(this.live.jdbcConnection(), schema))) {
            long rows = rows(new SqlName(schema, name)).orElse(0L);
            if (rows > 0) {
                tables.add(name + " (" + number(rows) + ")");
                total += rows;
            }
        }
        return tables.isEmpty() ? List.of() : List.of("delete " + count(total, "row") + " of schema " + schema
                + " by dropping it with CASCADE: " + String.join(", ", tables));
    }

    private List<String> values(SqlName table, List<String> columns, String verb) {
        if (!exists(table)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String column : columns) {
            long count = query("SELECT count(*) FROM " + quoted(table) + " WHERE " + quote(column) + " IS NOT NULL");
            if (count > 0) {
                values.add(count(count, "non-null value") + " of " + table + "." + column);
            }
        }
        return values.isEmpty() ? List.of() : List.of(verb + String.join(" and ", values));
    }

    private boolean keepsValues(SqlName table, Impact impact) {
        String newType = impact.newType();
        if (newType == null) {
            return false;
        }
        Optional<CatalogColumn> column = catalog(() -> this.database.column(this.live.jdbcConnection(),
                table.schema(), table.name(), impact.columns().get(0)));
        return column.isPresent() && TypeChange.keepsValues(column.get().type(), newType);
    }

    private Optional<Long> rows(SqlName table) {
        return exists(table) ? Optional.of(query("SELECT count(*) FROM " + quoted(table))) : Optional.empty();
    }

    private boolean exists(SqlName table) {
        return catalog(() -> {
            String schema = (table.schema() != null) ? table.schema()
                    : this.database.currentSchema(this.live.jdbcConnection());
            return this.database.tableExists(this.live.jdbcConnection(), schema, table.name());
        });
    }

    private long query(String sql) {
        return this.live.query(sql, (row) -> row.getLong(1)).get(0);
    }

    private String quoted(SqlName table) {
        return (table.schema() != null) ? quote(table.schema()) + "." + quote(table.name()) : quote(table.name());
    }

    private String quote(String name) {
        Dialect dialect = this.live.dialect();
        return dialect.quoteIdentifier(name);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(this.notes);
    }

    private static <T> T catalog(CatalogQuery<T> query) {
        try {
            return query.run();
        }
        catch (SQLException ex) {
            throw new StatementFailedException("(catalog lookup of the data-loss guard)", ex);
        }
    }

    private static String count(long count, String noun) {
        return number(count) + " " + noun + ((count == 1) ? "" : "s");
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    @FunctionalInterface
    private interface CatalogQuery<T> {

        T run() throws SQLException;
    }
}
