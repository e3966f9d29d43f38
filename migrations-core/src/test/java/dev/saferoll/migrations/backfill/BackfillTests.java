package dev.saferoll.migrations.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.InvalidIdentifierException;
import dev.saferoll.migrations.schema.TableName;
import dev.saferoll.migrations.testing.MigrationConnectionTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BackfillTests extends MigrationConnectionTestBase {

    private static void createUsers(int rows) {
        database.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, status text, "
                + "counter integer NOT NULL DEFAULT 0)");
        database.execute("INSERT INTO users (id, email) SELECT g, 'User' || g || '@Example.com' "
                + "FROM generate_series(1, " + rows + ") g");
    }

    private static Backfill activateUsers(int batchSize) {
        return Backfill.named("users_status_active").table("users").key("id").batchSize(batchSize)
            .pause(Duration.ZERO).update("status = 'active', counter = counter + 1");
    }

    private static void assertEveryUserConvertedOnce(long rows) {
        assertThat(database.queryForLong("SELECT count(*) FROM users")).isEqualTo(rows);
        assertThat(database.queryForStrings("SELECT DISTINCT counter::text || ' ' || coalesce(status, 'null') "
                + "FROM users")).containsExactly("1 active");
    }

    @Test
    void convertsAMillionRowsExactlyOnceCommittingEachBatchOnItsOwn() throws SQLException {
        createUsers(1_000_000);
        AtomicInteger concurrentUpdates = new AtomicInteger();
        BackfillResult result = activateUsers(10_000).listener((progress) -> {
            if (progress.batches() == 50) {
                concurrentUpdates.addAndGet(updateFromAnotherConnection(
                        "UPDATE users SET email = 'changed@example.com' WHERE id = 1", Duration.ofSeconds(2)));
            }
        }).run(this.connection);

        assertThat(result).satisfies((r) -> {
            assertThat(r.name()).isEqualTo("users_status_active");
            assertThat(r.rowsDone()).isEqualTo(1_000_000);
            assertThat(r.batches()).isEqualTo(100);
            assertThat(r.resumed()).isFalse();
            assertThat(r.alreadyFinished()).isFalse();
        });
        assertEveryUserConvertedOnce(1_000_000);
        // Each committed transaction stamps the rows it wrote with its own xmin: one per batch, none bigger.
        assertThat(database.queryForLong("SELECT count(DISTINCT xmin::text) FROM users WHERE id > 1")).isEqualTo(100);
        assertThat(database.queryForLong("SELECT max(n) FROM (SELECT count(*) AS n FROM users GROUP BY xmin::text) s"))
            .isEqualTo(10_000);
        assertThat(concurrentUpdates).hasValue(1);
        assertThat(database.queryForStrings("SELECT email FROM users WHERE id = 1")).containsExactly(
                "changed@example.com");
        assertThat(this.jdbc.getAutoCommit()).isTrue();
    }

    @Test
    void holdsOnlyTheCurrentBatchsLocks() {
        createUsers(20_000);
        AtomicInteger batch = new AtomicInteger();
        Backfill.named("touch_users").table("users").batchSize(1_000).pause(Duration.ZERO)
            .eachBatch((connection, range) -> {
                connection.execute("UPDATE users SET counter = counter + 1 WHERE " + range.condition(),
                        range.parameterArray());
                if (batch.incrementAndGet() == 10) {
                    assertThat(range.lowerExclusive()).isEqualTo(9_000L);
                    assertThat(range.upperInclusive()).isEqualTo(10_000L);
                    assertThat(updateFromAnotherConnection("UPDATE users SET email = 'x' WHERE id = 1",
                            Duration.ofSeconds(2))).isEqualTo(1);
                    assertThatExceptionOfType(IllegalStateException.class)
                        .isThrownBy(() -> updateFromAnotherConnection("UPDATE users SET email = 'x' WHERE id = 9500",
                                Duration.ofMillis(200)))
                        .withStackTraceContaining("lock timeout");
                }
            })
            .run(this.connection);
        assertThat(batch).hasValue(20);
        assertThat(database.queryForStrings("SELECT DISTINCT counter::text FROM users")).containsExactly("1");
    }

    @Test
    void resumesAfterItsDatabaseSessionWasTerminated() throws SQLException {
        createUsers(100_000);
        long pid = this.connection.query("SELECT pg_backend_pid()", (row) -> row.getLong(1)).get(0);
        Backfill killedAfter30 = activateUsers(1_000).listener((progress) -> {
            if (progress.batches() == 30) {
                updateFromAnotherConnection("SELECT pg_terminate_backend(" + pid + ")", Duration.ofSeconds(2));
            }
        });
        assertThatExceptionOfType(BackfillFailedException.class).isThrownBy(() -> killedAfter30.run(this.connection))
            .satisfies((ex) -> {
                assertThat(ex.getBatchesCommitted()).isEqualTo(30);
                assertThat(ex.getLastKey()).isEqualTo("30000");
                assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.EXECUTION_FAILED);
                assertThat(ex).hasMessageContaining("run the backfill again with the same name");
            });
        assertThat(database.queryForLong("SELECT count(*) FROM users WHERE counter = 1")).isEqualTo(30_000);

        try (Connection fresh = database.dataSource().getConnection()) {
            BackfillResult result = activateUsers(1_000).run(MigrationConnection.of(fresh, Dialect.POSTGRESQL));
            assertThat(result.resumed()).isTrue();
            assertThat(result.batches()).isEqualTo(100);
            assertThat(result.rowsDone()).isEqualTo(100_000);
        }
        assertEveryUserConvertedOnce(100_000);
    }

    @Test
    void resumesAfterAListenerStoppedIt() {
        createUsers(10_000);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> activateUsers(1_000)
            .listener((progress) -> {
                if (progress.batches() == 3) {
                    throw new IllegalStateException("stop");
                }
            }).run(this.connection));
        assertThat(database.queryForStrings("SELECT last_key || ' ' || rows_done || ' ' || batches "
                + "FROM saferoll_backfill_progress")).containsExactly("3000 3000 3");

        BackfillResult result = activateUsers(1_000).run(this.connection);
        assertThat(result.resumed()).isTrue();
        assertThat(result.rowsDone()).isEqualTo(10_000);
        assertThat(result.batches()).isEqualTo(10);
        assertEveryUserConvertedOnce(10_000);
    }

    @Test
    void rollsBackAFailedBatchTogetherWithItsProgress() {
        createUsers(10_000);
        AtomicInteger batch = new AtomicInteger();
        Backfill failing = Backfill.named("users_status_active").table("users").batchSize(1_000)
            .pause(Duration.ZERO).eachBatch((connection, range) -> {
                connection.execute("UPDATE users SET status = 'active', counter = counter + 1 WHERE "
                        + range.condition(), range.parameterArray());
                if (batch.incrementAndGet() == 4) {
                    connection.execute("SELECT 1 / 0");
                }
            });
        assertThatExceptionOfType(BackfillFailedException.class).isThrownBy(() -> failing.run(this.connection))
            .withMessageContaining("Backfill 'users_status_active' failed after 3 committed batch(es)")
            .withMessageContaining("division by zero");
        assertThat(database.queryForLong("SELECT count(*) FROM users WHERE counter = 1")).isEqualTo(3_000);
        assertThat(database.queryForLong("SELECT max(id) FROM users WHERE counter = 1")).isEqualTo(3_000);
        assertThat(database.queryForStrings("SELECT batches FROM saferoll_backfill_progress")).containsExactly("3");

        assertThat(activateUsers(1_000).run(this.connection).resumed()).isTrue();
        assertEveryUserConvertedOnce(10_000);
    }

    @Test
    void letsTwoRunnersOfOneBackfillTakeTurnsWithoutDoingABatchTwice() throws Exception {
        createUsers(20_000);
        CountDownLatch firstBatchDone = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<BackfillResult> second = executor.submit(() -> {
                firstBatchDone.await();
                return activateUsers(500).pause(Duration.ofMillis(5)).run(database.dataSource());
            });
            BackfillResult first = activateUsers(500).pause(Duration.ofMillis(5))
                .listener((progress) -> firstBatchDone.countDown()).run(this.connection);
            BackfillResult other = second.get(1, TimeUnit.MINUTES);
            assertThat(first.batches()).isEqualTo(40);
            assertThat(other.batches()).isEqualTo(40);
            assertThat(other.resumed() || other.alreadyFinished()).isTrue();
        }
        finally {
            executor.shutdownNow();
        }
        assertEveryUserConvertedOnce(20_000);
    }

    @Test
    void doesNothingWhenRunAgainAfterFinishing() {
        createUsers(5_000);
        activateUsers(1_000).run(this.connection);
        BackfillResult again = activateUsers(1_000).run(this.connection);
        assertThat(again.alreadyFinished()).isTrue();
        assertThat(again.resumed()).isFalse();
        assertThat(again.rowsDone()).isEqualTo(5_000);
        assertThat(again.batches()).isEqualTo(5);
        assertEveryUserConvertedOnce(5_000);
        assertThat(database.queryForStrings("SELECT name || ' ' || table_name || ' ' || key_column || ' ' || last_key "
                + "|| ' ' || (finished_at IS NOT NULL) FROM saferoll_backfill_progress"))
            .containsExactly("users_status_active users id 5000 true");
    }

    @Test
    void copiesEveryRowExactlyOnce() {
        createUsers(25_000);
        database.execute("CREATE TABLE user_emails (user_id bigint PRIMARY KEY, email text NOT NULL)");
        BackfillResult result = Backfill.named("copy_user_emails").table("users").batchSize(1_000)
            .pause(Duration.ZERO)
            .copyInto(TableName.of("user_emails"), List.of(ColumnName.of("user_id"), ColumnName.of("email")),
                    "id, lower(email)")
            .run(this.connection);
        assertThat(result.rowsDone()).isEqualTo(25_000);
        assertThat(result.batches()).isEqualTo(25);
        assertThat(database.queryForLong("SELECT count(*) FROM user_emails")).isEqualTo(25_000);
        assertThat(database.queryForLong("SELECT count(*) FROM users u JOIN user_emails e ON e.user_id = u.id "
                + "AND e.email = lower(u.email)")).isEqualTo(25_000);
    }

    @Test
    void copiesOnlyRowsMatchingTheCondition() {
        createUsers(1_000);
        database.execute("CREATE TABLE even_users (id bigint PRIMARY KEY)");
        Backfill.named("copy_even_users").table("users").batchSize(100).pause(Duration.ZERO).where("id % 2 = 0")
            .copyInto(TableName.of("even_users"), List.of(ColumnName.of("id")), "id")
            .run(this.connection);
        assertThat(database.queryForLong("SELECT count(*) FROM even_users")).isEqualTo(500);
        assertThat(database.queryForLong("SELECT count(*) FROM even_users WHERE id % 2 = 1")).isZero();
    }

    @Test
    void updatesOnlyRowsMatchingTheCondition() {
        createUsers(10_000);
        database.execute("UPDATE users SET status = 'blocked' WHERE id % 2 = 1");
        BackfillResult result = Backfill.named("users_status_active").table("users").batchSize(1_000)
            .pause(Duration.ZERO).update("status = 'active', counter = counter + 1", "status IS NULL")
            .run(this.connection);
        assertThat(result.rowsDone()).isEqualTo(5_000);
        assertThat(result.batches()).isEqualTo(5);
        assertThat(database.queryForStrings("SELECT status || ' ' || counter || ' ' || count(*) FROM users "
                + "GROUP BY status, counter ORDER BY status")).containsExactly("active 1 5000", "blocked 0 5000");
    }

    @Test
    void walksTextKeysAndResumesAfterThem() {
        database.execute("CREATE TABLE codes (code varchar(20) PRIMARY KEY, counter integer NOT NULL DEFAULT 0)");
        database.execute("INSERT INTO codes (code) SELECT 'c' || lpad(g::text, 5, '0') FROM generate_series(1, 1000) g");
        Backfill backfill = Backfill.named("count_codes").table("codes").key("code").batchSize(70)
            .pause(Duration.ZERO).update("counter = counter + 1");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> backfill.listener((progress) -> {
            throw new IllegalStateException("stop after " + progress.lastKey());
        }).run(this.connection)).withMessage("stop after c00070");

        BackfillResult result = backfill.listener((progress) -> { }).run(this.connection);
        assertThat(result.resumed()).isTrue();
        assertThat(result.batches()).isEqualTo(15);
        assertThat(database.queryForStrings("SELECT DISTINCT counter::text FROM codes")).containsExactly("1");
    }

    @Test
    void walksUuidKeys() {
        database.execute("CREATE TABLE events (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), "
                + "counter integer NOT NULL DEFAULT 0)");
        database.execute("INSERT INTO events (counter) SELECT 0 FROM generate_series(1, 1000)");
        AtomicInteger uuidBounds = new AtomicInteger();
        BackfillResult result = Backfill.named("count_events").table("events").batchSize(128).pause(Duration.ZERO)
            .eachBatch((connection, range) -> {
                if (range.upperInclusive() instanceof java.util.UUID) {
                    uuidBounds.incrementAndGet();
                }
                connection.execute("UPDATE events SET counter = counter + 1 WHERE " + range.condition(),
                        range.parameterArray());
            })
            .run(this.connection);
        assertThat(result.batches()).isEqualTo(8);
        assertThat(uuidBounds).hasValue(8);
        assertThat(database.queryForStrings("SELECT DISTINCT counter::text FROM events")).containsExactly("1");
    }

    @Test
    void finishesAnEmptyTableWithoutBatches() {
        createUsers(0);
        BackfillResult result = activateUsers(1_000).run(this.connection);
        assertThat(result.batches()).isZero();
        assertThat(result.rowsDone()).isZero();
        assertThat(database.queryForStrings("SELECT finished_at IS NOT NULL FROM saferoll_backfill_progress"))
            .containsExactly("t");
    }

    @Test
    void runsOnAConnectionOfItsOwnFromADataSource() {
        createUsers(3_000);
        BackfillResult result = activateUsers(1_000).run(database.dataSource());
        assertThat(result.batches()).isEqualTo(3);
        assertEveryUserConvertedOnce(3_000);
    }

    @Test
    void keepsProgressInTheTableItIsGiven() {
        createUsers(2_000);
        database.execute("CREATE SCHEMA ops");
        activateUsers(1_000).progressTable(TableName.of("ops.backfills")).run(this.connection);
        assertThat(database.tableExists("saferoll_backfill_progress")).isFalse();
        assertThat(database.queryForStrings("SELECT rows_done FROM ops.backfills")).containsExactly("2000");
        database.execute("DROP SCHEMA ops CASCADE");
    }

    @Test
    void refusesToRunInsideATransaction() throws SQLException {
        createUsers(10);
        this.jdbc.setAutoCommit(false);
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> activateUsers(5).run(this.connection))
            .withMessageContaining("a batched backfill commits each batch; run it from a migration whose "
                    + "isTransactional() returns false")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_INPUT));
        this.jdbc.rollback();
        this.jdbc.setAutoCommit(true);
        assertThat(database.queryForLong("SELECT count(*) FROM users WHERE counter = 0")).isEqualTo(10);
    }

    @Test
    void rejectsABatchSizeBelowOne() {
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> Backfill.named("users_status_active").batchSize(0))
            .withMessage("The batch size of backfill 'users_status_active' must be at least 1 but was 0; "
                    + "1,000 to 10,000 rows suit most tables")
            .satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void rejectsNegativeDurations() {
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> Backfill.named("b").pause(Duration.ofMillis(-1)))
            .withMessage("The pause of backfill 'b' must not be negative but was PT-0.001S");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> Backfill.named("b").lockTimeout(Duration.ofSeconds(-1)))
            .withMessageContaining("lock timeout");
    }

    @Test
    void rejectsInvalidNamesAndIdentifiers() {
        assertThatExceptionOfType(InvalidIdentifierException.class)
            .isThrownBy(() -> Backfill.named("b").table("users; DROP TABLE users"))
            .withMessageContaining("'users; DROP TABLE users'");
        assertThatExceptionOfType(InvalidIdentifierException.class)
            .isThrownBy(() -> Backfill.named("b").key("id\"--"))
            .withMessageContaining("Invalid column name");
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> Backfill.named(" "))
            .withMessageContaining("Invalid backfill name ' '");
    }

    @Test
    void rejectsEmptySqlAndIncompleteBackfills() {
        assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> Backfill.named("b").update(" "))
            .withMessage("The SET clause of backfill 'b' must not be empty");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> Backfill.named("b").copyInto(TableName.of("t"), List.of(), "id"))
            .withMessageContaining("names no target columns");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> Backfill.named("b").table("users").run(this.connection))
            .withMessageContaining("has no change to make; call update, copyInto or eachBatch");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> Backfill.named("b").update("x = 1").run(this.connection))
            .withMessageContaining("has no table");
    }

    @Test
    void refusesAKnownNameOnAnotherTable() {
        createUsers(10);
        database.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, counter integer NOT NULL DEFAULT 0)");
        activateUsers(5).run(this.connection);
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> Backfill.named("users_status_active").table("accounts").update("counter = 1")
                .run(this.connection))
            .withMessage("Backfill 'users_status_active' was started on users by key id, not on accounts by key id; "
                    + "give this backfill another name");
    }

    @Test
    void refusesAKeyThatIsNotAnIntegerTextOrUuid() {
        database.execute("CREATE TABLE readings (taken_at timestamp PRIMARY KEY, value integer)");
        assertThatExceptionOfType(MigrationException.class)
            .isThrownBy(() -> Backfill.named("readings").table("readings").key("taken_at").update("value = 0")
                .run(this.connection))
            .withMessage("The backfill key readings.taken_at has type timestamp; use an integer, text or uuid column, "
                    + "ideally the primary key");
    }

    /** Runs a statement on a separate connection with a lock timeout and returns the rows it changed. */
    private static int updateFromAnotherConnection(String sql, Duration lockTimeout) {
        try (Connection other = database.dataSource().getConnection(); Statement statement = other.createStatement()) {
            statement.execute("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'");
            statement.execute(sql);
            return Math.max(statement.getUpdateCount(), 0);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Failed: " + sql, ex);
        }
    }
}
