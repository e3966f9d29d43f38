package dev.saferoll.migrations.tenant;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.actuate.ActuatorHttp;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static dev.saferoll.migrations.actuate.ActuatorHttp.read;
import static dev.saferoll.migrations.actuate.ActuatorHttp.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants over HTTP on a real PostgreSQL: three schemas, one of which (broken) already has a table that its second
 * migration creates, so it fails at startup while the others are migrated.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = MigrationTenantsWebTests.TenantsApplication.class,
        properties = { "management.endpoints.web.exposure.include=health,migrations,prometheus",
                "management.endpoint.migrations.access=unrestricted", "migrations.rollback.enabled=true",
                "management.endpoint.health.show-details=always", "spring.test.metrics.export=true",
                "migrations.tenants.schemas=acme,broken,globex" })
class MigrationTenantsWebTests {

    private static final TestDatabase database = TestPostgres.createDatabase();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        database.execute("CREATE SCHEMA broken");
        database.execute("CREATE TABLE broken.gadgets (id int)");
        registry.add("spring.datasource.url", database::url);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void theSummaryCountsTenantsByStateAndNamesTheFailedOnes() throws Exception {
        for (String path : List.of("/actuator/migrations/tenants", "/actuator/migrations")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String json = response.body();
            assertThat(read(json, "$.tenants")).isEqualTo(3);
            assertThat(read(json, "$.counts")).isEqualTo(Map.of("UP_TO_DATE", 2, "PENDING", 0, "RUNNING", 0,
                    "FAILED", 1, "UNREACHABLE", 0));
            assertThat(read(json, "$.failed[0].tenant")).isEqualTo("broken");
            assertThat(read(json, "$.failed[0].problem")).isEqualTo("2024_01_02_100000 is FAILED");
            assertThat(read(json, "$.behind")).isEqualTo(List.of());
        }
    }

    @Test
    void oneTenantByIdAndAnUnknownOneIs404() throws Exception {
        HttpResponse<String> acme = get("/actuator/migrations/tenants/acme");
        assertThat(acme.statusCode()).isEqualTo(200);
        assertThat(read(acme.body(), "$.state")).isEqualTo("UP_TO_DATE");
        assertThat(read(acme.body(), "$.applied")).isEqualTo(2);
        assertThat(read(acme.body(), "$.currentVersion")).isEqualTo("2024_01_02_100000");

        HttpResponse<String> nobody = get("/actuator/migrations/tenants/nobody");
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(read(nobody.body(), "$.error")).isEqualTo("UNKNOWN_TENANT");
        assertThat(read(nobody.body(), "$.message").toString()).contains("'nobody'");

        HttpResponse<String> wrong = get("/actuator/migrations/tenant/acme");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(read(wrong.body(), "$.recommendation").toString()).contains("/actuator/migrations/tenants/{tenant}");
    }

    @Test
    void healthIsDownNamingTheFailedTenant() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(read(response.body(), "$.components.migrations.status")).isEqualTo("DOWN");
        assertThat(read(response.body(), "$.components.migrations.details.failed.broken"))
            .isEqualTo("2024_01_02_100000 is FAILED");
        assertThat(read(response.body(), "$.components.migrations.details.counts.up_to_date")).isEqualTo(2);
    }

    @Test
    void prometheusCountsTenantsByStateWithoutATenantTag() throws Exception {
        String scrape = get("/actuator/prometheus").body();
        assertThat(sample(scrape, "migrations_tenants", "state=\"up_to_date\"")).isEqualTo(2);
        assertThat(sample(scrape, "migrations_tenants", "state=\"failed\"")).isEqualTo(1);
        assertThat(scrape).doesNotContain("tenant=\"");
        assertThat(scrape).as("the default schema's history gauges").doesNotContain("migrations_pending",
                "migrations_applied");
        assertThat(sample(scrape, "migrations_execution_seconds_count", "outcome=\"success\""))
            .as("two each in acme and globex, and broken's first").isEqualTo(5);
    }

    @Test
    void aPerTenantRollbackIsRefusedByTheGuardWhenItWouldLoseData() throws Exception {
        database.execute("INSERT INTO acme.gadgets (id, name) VALUES (1, 'kept')");

        HttpResponse<String> refused = post("/actuator/migrations/tenants/acme", "{\"steps\": 1}");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(read(refused.body(), "$.error")).isEqualTo("ROLLBACK_WOULD_LOSE_DATA");
        assertThat(database.queryForLong("SELECT count(*) FROM acme.gadgets")).isEqualTo(1);

        HttpResponse<String> dryRun = post("/actuator/migrations/tenants/globex", "{\"steps\": 1, \"dryRun\": true}");
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(read(dryRun.body(), "$.migrations[0].version")).isEqualTo("2024_01_02_100000");

        HttpResponse<String> badSteps = post("/actuator/migrations/tenants/globex", "{\"steps\": \"two\"}");
        assertThat(badSteps.statusCode()).isEqualTo(400);
        assertThat(read(badSteps.body(), "$.message").toString()).contains("two");
    }

    @Test
    void theDefaultSchemasOperationsPointToTheTenants() throws Exception {
        HttpResponse<String> preview = get("/actuator/migrations/pending");
        assertThat(preview.statusCode()).isEqualTo(400);
        assertThat(read(preview.body(), "$.recommendation").toString()).contains("/actuator/migrations/tenants/");
        assertThat(database.tableExists("widgets")).isFalse();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return new ActuatorHttp(this.port).get(path);
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return new ActuatorHttp(this.port).post(path, json);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TenantsApplication {

        @Bean
        Migration createWidgets() {
            return TestMigration.createTable("2024_01_01_100000", "widgets");
        }

        @Bean
        Migration createGadgets() {
            return TestMigration.reversibleCreateTable("2024_01_02_100000", "gadgets");
        }

        @Bean
        SecurityFilterChain openActuator(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
        }
    }
}
