package dev.saferoll.migrations.actuate;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.actuate.MigrationsDescriptors.ErrorDescriptor;
import dev.saferoll.migrations.status.MigrationStatusService;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** A raw-SQL {@code down()} that would drop rows is refused by the endpoint as the schema builder's would be. */
class RawSqlRollbackGuardEndpointTests {

    private final TestDatabase database = TestPostgres.createDatabase();

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void dropTableHoldingRowsIsAConflictAndNothingIsRolledBack() {
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(TestMigration.reversible("2024_01_01_100000", "Create invoices",
                    (connection) -> connection.execute("CREATE TABLE invoices (id bigint PRIMARY KEY)"),
                    (connection) -> connection.execute("DROP TABLE invoices")))
            .build();
        migrations.migrate();
        this.database.execute("INSERT INTO invoices VALUES (1), (2)");
        MigrationsEndpointWebExtension endpoint = new MigrationsEndpointWebExtension(new MigrationsEndpoint(migrations,
                new MigrationStatusService(() -> migrations, Duration.ofSeconds(60), Duration.ofSeconds(5)), true));
        WebEndpointResponse<Object> response = endpoint.rollback("1", null, null, null);
        assertThat(response.getStatus()).isEqualTo(409);
        ErrorDescriptor error = (ErrorDescriptor) response.getBody();
        assertThat(error.error()).isEqualTo("ROLLBACK_WOULD_LOSE_DATA");
        assertThat(error.message()).contains("would delete 2 rows of invoices; nothing was rolled back");
        assertThat(this.database.queryForLong("SELECT count(*) FROM invoices")).isEqualTo(2);
        assertThat(this.database.queryForStrings("SELECT status FROM schema_migrations")).containsExactly("APPLIED");
    }
}
