package dev.saferoll.migrations.internal.check;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.sql.SqlName;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tables a statement may give new files to, for the size probe. */
class RewriteTargetsTests {

    @Test
    void namesTheTablesOfStatementsThatMayRewrite() {
        assertThat(RewriteTargets.of("ALTER TABLE IF EXISTS ONLY billing.\"Invoices\" ALTER COLUMN n TYPE bigint",
                Dialect.POSTGRESQL)).containsExactly(new SqlName("billing", "Invoices"));
        assertThat(RewriteTargets.of("TRUNCATE TABLE a, ONLY b RESTART IDENTITY", Dialect.POSTGRESQL))
            .containsExactly(SqlName.of("a"), SqlName.of("b"));
        assertThat(RewriteTargets.of("CLUSTER VERBOSE users USING users_pkey", Dialect.POSTGRESQL))
            .containsExactly(SqlName.of("users"));
        assertThat(RewriteTargets.of("VACUUM (FULL, ANALYZE) users, orders", Dialect.POSTGRESQL))
            .containsExactly(SqlName.of("users"), SqlName.of("orders"));
        assertThat(RewriteTargets.of("REFRESH MATERIALIZED VIEW CONCURRENTLY totals", Dialect.POSTGRESQL))
            .containsExactly(SqlName.of("totals"));
        assertThat(RewriteTargets.of("CREATE TABLE t (id int); ALTER TABLE users ADD COLUMN c int",
                Dialect.POSTGRESQL)).containsExactly(SqlName.of("users"));
    }

    @Test
    void ignoresStatementsThatCannotRewriteATable() {
        assertThat(RewriteTargets.of("CREATE INDEX ON users (email)", Dialect.POSTGRESQL)).isEmpty();
        assertThat(RewriteTargets.of("UPDATE users SET x = 1", Dialect.POSTGRESQL)).isEmpty();
        assertThat(RewriteTargets.of("VACUUM users", Dialect.POSTGRESQL)).isEmpty();
        assertThat(RewriteTargets.of("SELECT 'ALTER TABLE users ALTER COLUMN x TYPE text'; SELECT 1",
                Dialect.POSTGRESQL)).isEmpty();
    }
}
