package dev.saferoll.migrations;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.testing.TestH2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DialectTests {

    @Test
    void knowsEachSupportedProductByItsDriverName() {
        assertThat(Dialect.fromProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.fromProductName("H2")).isEqualTo(Dialect.H2);
        assertThat(Dialect.fromProductName("MySQL")).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.fromProductName("MariaDB")).isEqualTo(Dialect.MARIADB);
    }

    @Test
    void refusesOtherProductsNamingTheSupportedOnesAndTheSwitch() {
        assertThatExceptionOfType(UnsupportedDatabaseException.class)
            .isThrownBy(() -> Dialect.fromProductName("HSQL Database Engine"))
            .satisfies((ex) -> {
                assertThat(ex.getProductName()).isEqualTo("HSQL Database Engine");
                assertThat(ex.getErrorCode()).isEqualTo(MigrationException.ErrorCode.UNSUPPORTED_DATABASE);
                assertThat(ex.getRecommendation()).contains("PostgreSQL, H2, MySQL and MariaDB")
                    .contains("migrations.enabled=false");
            });
    }

    @Test
    void quotesH2NamesInUpperCaseAndMySqlNamesWithBackticks() {
        assertThat(Dialect.POSTGRESQL.quoteIdentifier("Users")).isEqualTo("\"Users\"");
        assertThat(Dialect.H2.quoteIdentifier("users")).isEqualTo("\"USERS\"");
        assertThat(Dialect.MYSQL.quoteIdentifier("a`b")).isEqualTo("`a``b`");
        assertThat(Dialect.MARIADB.quoteIdentifier("users")).isEqualTo("`users`");
        assertThat(Dialect.H2.storedName("users")).isEqualTo("USERS");
        assertThat(Dialect.MARIADB.storedName("users")).isEqualTo("users");
    }

    @Test
    void readsTheDialectOfAConnection() throws SQLException {
        try (var database = TestH2.createDatabase(); Connection connection = database.dataSource().getConnection()) {
            assertThat(Dialect.of(connection)).isEqualTo(Dialect.H2);
        }
    }
}
