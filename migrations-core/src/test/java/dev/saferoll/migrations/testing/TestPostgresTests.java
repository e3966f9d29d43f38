package dev.saferoll.migrations.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestPostgresTests {

    @Test
    void createsIsolatedDatabases() {
        try (TestDatabase first = TestPostgres.createDatabase(); TestDatabase second = TestPostgres.createDatabase()) {
            first.execute("CREATE TABLE only_in_first (id int)");
            assertThat(first.tableExists("only_in_first")).isTrue();
            assertThat(second.tableExists("only_in_first")).isFalse();
        }
    }

    @Test
    void replacesDatabaseInUrl() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "other"))
            .isEqualTo("jdbc:postgresql://127.0.0.1:5432/other?user=postgres");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://localhost/test", "other"))
            .isEqualTo("jdbc:postgresql://localhost/other");
        assertThatIllegalStateException().isThrownBy(() -> TestPostgres.withDatabase("jdbc:mysql://x/y", "z"))
            .withMessageContaining("MIGRATIONS_TEST_POSTGRES_URL");
    }
}
