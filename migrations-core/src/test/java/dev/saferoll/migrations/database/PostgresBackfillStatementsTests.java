package dev.saferoll.migrations.database;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.TableName;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresBackfillStatementsTests {

    private final BackfillStatements statements = PostgresDatabase.INSTANCE.backfill();

    private final TableName users = TableName.of("users");

    private final ColumnName id = ColumnName.of("id");

    @Test
    void probesTheKeyColumnWithoutReadingRows() {
        assertThat(this.statements.keyProbeQuery(TableName.of("billing.invoices"), ColumnName.of("ulid")))
            .isEqualTo("SELECT \"ulid\" FROM \"billing\".\"invoices\" WHERE false");
    }

    @Test
    void selectsABatchByKeyRange() {
        assertThat(this.statements.keyRange(this.id, true)).isEqualTo("\"id\" > ? AND \"id\" <= ?");
        assertThat(this.statements.keyRange(this.id, false)).isEqualTo("\"id\" <= ?");
    }

    @Test
    void findsTheNextBatchByKeysetNotOffset() {
        assertThat(this.statements.nextBatchQuery(this.users, this.id, null, true))
            .isEqualTo("SELECT k, count(*) OVER () FROM (SELECT \"id\" AS k FROM \"users\" WHERE \"id\" > ? "
                    + "ORDER BY \"id\" LIMIT ?) batch ORDER BY k DESC LIMIT 1")
            .doesNotContainIgnoringCase("offset");
    }

    @Test
    void findsTheFirstBatchWithAConditionInParentheses() {
        assertThat(this.statements.nextBatchQuery(this.users, this.id, "status IS NULL OR status = ''", false))
            .isEqualTo("SELECT k, count(*) OVER () FROM (SELECT \"id\" AS k FROM \"users\" WHERE \"id\" IS NOT NULL "
                    + "AND (status IS NULL OR status = '') ORDER BY \"id\" LIMIT ?) batch ORDER BY k DESC LIMIT 1");
    }

    @Test
    void countsTheRowsLeft() {
        assertThat(this.statements.remainingRowsQuery(this.users, this.id, "status IS NULL", true))
            .isEqualTo("SELECT count(*) FROM \"users\" WHERE \"id\" > ? AND (status IS NULL)");
        assertThat(this.statements.remainingRowsQuery(this.users, this.id, null, false))
            .isEqualTo("SELECT count(*) FROM \"users\" WHERE \"id\" IS NOT NULL");
    }

    @Test
    void estimatesRowsFromThePlannerStatistics() {
        assertThat(this.statements.rowEstimateQuery()).isEqualTo("SELECT coalesce((SELECT reltuples::bigint "
                + "FROM pg_catalog.pg_class WHERE oid = to_regclass(?)), -1)");
    }

    @Test
    void updatesOneBatch() {
        assertThat(this.statements.update(this.users, this.id, "status = 'active'", "status IS NULL", true))
            .isEqualTo("UPDATE \"users\" SET status = 'active' WHERE \"id\" > ? AND \"id\" <= ? AND (status IS NULL)");
        assertThat(this.statements.update(this.users, this.id, "counter = counter + 1", null, false))
            .isEqualTo("UPDATE \"users\" SET counter = counter + 1 WHERE \"id\" <= ?");
    }

    @Test
    void copiesOneBatchIntoQuotedTargetColumns() {
        assertThat(this.statements.copy(this.users, this.id, TableName.of("archive.users_copy"),
                List.of(ColumnName.of("id"), ColumnName.of("email")), "id, lower(email)", "deleted_at IS NULL", true))
            .isEqualTo("INSERT INTO \"archive\".\"users_copy\" (\"id\", \"email\") SELECT id, lower(email) "
                    + "FROM \"users\" WHERE \"id\" > ? AND \"id\" <= ? AND (deleted_at IS NULL)");
        assertThat(this.statements.copy(this.users, this.id, TableName.of("users_copy"),
                List.of(ColumnName.of("id")), "id", null, false))
            .isEqualTo("INSERT INTO \"users_copy\" (\"id\") SELECT id FROM \"users\" WHERE \"id\" <= ?");
    }
}
