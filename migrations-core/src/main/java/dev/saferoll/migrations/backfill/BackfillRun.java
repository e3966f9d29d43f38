package dev.saferoll.migrations.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.database.BackfillStatements;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.TableName;

/** One run of a {@link Backfill}: the batch loop, its transactions and its progress log. */
final class BackfillRun {

    private static final Logger logger = LoggerFactory.getLogger(Backfill.class);

    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final Backfill backfill;

    private final TableName table;

    private final ColumnName key;

    private final Backfill.Change change;

    private final MigrationConnection connection;

    private final Connection jdbc;

    private final Database database;

    private final BackfillStatements statements;

    private final ProgressStore progress;

    private final long startNanos = System.nanoTime();

    private long lastLogNanos = this.startNanos;

    private long rowsThisRun;

    BackfillRun(Backfill backfill, TableName table, Backfill.Change change, MigrationConnection connection) {
        this.backfill = backfill;
        this.table = table;
        this.key = backfill.key();
        this.change = change;
        this.connection = connection;
        this.jdbc = connection.jdbcConnection();
        this.database = Database.of(connection.dialect());
        this.statements = this.database.backfill();
        this.progress = new ProgressStore(connection, backfill.progressTable());
    }

    BackfillResult run() {
        String name = this.backfill.name();
        KeyType keyType = KeyType.probe(this.jdbc, this.statements.keyProbeQuery(this.table, this.key),
                this.table + "." + this.key);
        this.progress.createIfMissing();
        this.progress.insertIfMissing(name, this.table.toString(), this.key.name());
        ProgressStore.Row start = this.progress.read(name).orElseThrow();
        if (!start.tableName().equals(this.table.toString()) || !start.keyColumn().equals(this.key.name())) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "Backfill '" + name + "' was started on "
                    + start.tableName() + " by key " + start.keyColumn() + ", not on " + this.table + " by key "
                    + this.key + "; give this backfill another name");
        }
        if (start.finished()) {
            logger.info("Backfill {} finished earlier ({} rows in {} batches); nothing to do", name,
                    number(start.rowsDone()), number(start.batches()));
            return new BackfillResult(name, start.rowsDone(), start.batches(), elapsed(), false, true);
        }
        boolean resumed = start.lastKey() != null;
        long estimate = estimateRows(keyType, start);
        if (resumed) {
            logger.info("Backfill {} resumes on {} after key {} ({} rows in {} batches done), ~{} rows to go", name,
                    this.table, start.lastKey(), number(start.rowsDone()), number(start.batches()), number(estimate));
        }
        else {
            logger.info("Backfill {} starts on {} by {} in batches of {}, ~{} rows", name, this.table, this.key,
                    number(this.backfill.batchSize()), number(estimate));
        }
        ProgressStore.Row last = start;
        while (true) {
            BatchOutcome outcome = runBatch(keyType, last);
            last = outcome.row();
            if (outcome.finished()) {
                break;
            }
            BackfillProgress now = new BackfillProgress(name, last.rowsDone(), last.batches(),
                    String.valueOf(last.lastKey()), elapsed());
            logProgress(now, estimate);
            BackfillListener listener = this.backfill.listener();
            if (listener != null) {
                listener.batchCommitted(now);
            }
            pause();
        }
        Duration duration = elapsed();
        logger.info("Backfill {} finished: {} rows in {} batches in total; this run did {} rows in {} at {} rows/s",
                name, number(last.rowsDone()), number(last.batches()), number(this.rowsThisRun), format(duration),
                number(rate(duration)));
        return new BackfillResult(name, last.rowsDone(), last.batches(), duration, resumed, false);
    }

    /** One transaction: lock the progress row, find the next batch, change it, record it, commit. */
    private BatchOutcome runBatch(KeyType keyType, ProgressStore.Row before) {
        String name = this.backfill.name();
        try {
            this.jdbc.setAutoCommit(false);
            this.database.configureTransaction(this.jdbc, this.backfill.lockTimeout(),
                    this.backfill.statementTimeout());
            ProgressStore.Row row = this.progress.lock(name);
            if (row.finished()) {
                this.jdbc.commit();
                return new BatchOutcome(row, true);
            }
            Object lower = (row.lastKey() != null) ? keyType.fromText(row.lastKey()) : null;
            List<Object> parameters = new ArrayList<>(2);
            if (lower != null) {
                parameters.add(lower);
            }
            parameters.add(this.backfill.batchSize());
            List<NextBatch> next = this.connection.query(
                    this.statements.nextBatchQuery(this.table, this.key, this.backfill.condition(), lower != null),
                    (result) -> new NextBatch(keyType.read(result, 1), result.getLong(2)), parameters.toArray());
            if (next.isEmpty()) {
                this.progress.finish(name);
                this.jdbc.commit();
                return new BatchOutcome(row, true);
            }
            NextBatch batch = next.get(0);
            KeyRange range = new KeyRange(this.statements.keyRange(this.key, lower != null), lower,
                    batch.upper());
            this.change.apply(this.connection, this.statements, range);
            String upper = keyType.toText(batch.upper());
            this.progress.advance(name, upper, batch.rows());
            this.jdbc.commit();
            this.rowsThisRun += batch.rows();
            return new BatchOutcome(new ProgressStore.Row(row.tableName(), row.keyColumn(), upper,
                    row.rowsDone() + batch.rows(), row.batches() + 1, false), false);
        }
        catch (Exception ex) {
            rollbackQuietly(ex);
            throw new BackfillFailedException(name, before.batches(), before.lastKey(), ex);
        }
        finally {
            restoreAutoCommit();
        }
    }

    private long estimateRows(KeyType keyType, ProgressStore.Row start) {
        String condition = this.backfill.condition();
        if (condition == null && start.lastKey() == null) {
            long estimate = this.connection.query(this.statements.rowEstimateQuery(), (row) -> row.getLong(1),
                    this.table.quoted(this.connection.dialect())).get(0);
            if (estimate > 0) {
                return estimate;
            }
        }
        boolean hasLower = start.lastKey() != null;
        Object[] parameters = hasLower ? new Object[] { keyType.fromText(start.lastKey()) } : new Object[0];
        return this.connection.query(this.statements.remainingRowsQuery(this.table, this.key, condition,
                hasLower), (row) -> row.getLong(1), parameters).get(0);
    }

    private void logProgress(BackfillProgress now, long estimate) {
        long nanos = System.nanoTime();
        if (nanos - this.lastLogNanos < LOG_INTERVAL_NANOS) {
            return;
        }
        this.lastLogNanos = nanos;
        long rate = rate(now.elapsed());
        long remaining = Math.max(estimate - this.rowsThisRun, 0);
        String eta = (rate > 0) ? format(Duration.ofSeconds(remaining / rate)) : "unknown";
        logger.info("Backfill {}: {} rows in {} batches, {} rows/s, ~{} rows to go, ETA {}", now.name(),
                number(now.rowsDone()), number(now.batches()), number(rate), number(remaining), eta);
    }

    private void pause() {
        Duration pause = this.backfill.pause();
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MigrationException(ErrorCode.EXECUTION_FAILED, "Backfill '" + this.backfill.name()
                    + "' was interrupted between batches; the batches done so far are committed, run it again to "
                    + "resume", ex);
        }
    }

    private void rollbackQuietly(Exception failure) {
        try {
            this.jdbc.rollback();
        }
        catch (SQLException ex) {
            failure.addSuppressed(ex);
        }
    }

    private void restoreAutoCommit() {
        try {
            if (!this.jdbc.isClosed()) {
                this.jdbc.setAutoCommit(true);
            }
        }
        catch (SQLException ex) {
            logger.debug("Could not restore auto-commit after backfill {}", this.backfill.name(), ex);
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - this.startNanos);
    }

    private long rate(Duration elapsed) {
        long millis = elapsed.toMillis();
        return (millis > 0) ? this.rowsThisRun * 1000 / millis : 0;
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return (seconds < 10) ? String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0) : seconds + "s";
        }
        return (seconds / 3600 > 0) ? (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m"
                : (seconds / 60) + "m " + (seconds % 60) + "s";
    }

    private record NextBatch(Object upper, long rows) {
    }

    private record BatchOutcome(ProgressStore.Row row, boolean finished) {
    }
}
