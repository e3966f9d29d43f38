package dev.saferoll.migrations.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import org.springframework.test.context.TestPropertySource;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.autoconfigure.MigrationsStartupStrategy;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint, health and Prometheus output over HTTP, on a real PostgreSQL. At startup the first two migrations are
 * applied (a startup strategy stops there) and the third stays pending.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = MigrationsEndpointWebTests.EndpointApplication.class,
        properties = { "management.endpoints.web.exposure.include=health,migrations,prometheus",
                "management.endpoint.migrations.access=unrestricted", "migrations.rollback.enabled=true",
                "management.endpoint.health.show-details=always", "spring.test.metrics.export=true" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationsEndpointWebTests {

    private static final TestDatabase database = TestPostgres.createDatabase();

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    @Order(1)
    void prometheusScrapeShowsExecutionTimeSizeAndCounts() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        String scrape = response.body();
        assertThat(sample(scrape, "migrations_execution_seconds_count",
                "direction=\"up\"", "domain=\"Test\"", "outcome=\"success\"")).isEqualTo(2);
        assertThat(scrape).contains("migrations_execution_seconds_sum{", "migrations_execution_seconds_max{");
        assertThat(sample(scrape, "migrations_database_size_bytes")).isPositive();
        assertThat(sample(scrape, "migrations_pending")).isEqualTo(1);
        assertThat(sample(scrape, "migrations_applied", "domain=\"Test\"")).isEqualTo(2);
        assertThat(sample(scrape, "migrations_applied_duration_seconds", "domain=\"Test\"")).isNotNegative();
        assertThat(sample(scrape, "migrations_last_applied_timestamp_seconds")).isPositive();
        assertThat(sample(scrape, "migrations_failed")).isZero();
    }

    @Test
    @Order(2)
    void statusListsEveryMigration() throws Exception {
        HttpResponse<String> response = get("/actuator/migrations");
        assertThat(response.statusCode()).isEqualTo(200);
        String json = response.body();
        assertThat(read(json, "$.currentVersion")).isEqualTo("2024_01_02_100000");
        assertThat(read(json, "$.pendingCount")).isEqualTo(1);
        assertThat(read(json, "$.counts.APPLIED")).isEqualTo(2);
        assertThat(read(json, "$.counts.FAILED")).isEqualTo(0);
        assertThat(read(json, "$.entries[*].version")).isEqualTo(
                List.of("2024_01_01_100000", "2024_01_02_100000", "2024_01_03_100000"));
        assertThat(read(json, "$.entries[*].state")).isEqualTo(List.of("APPLIED", "APPLIED", "PENDING"));
        assertThat(read(json, "$.entries[1].reversible")).isEqualTo(true);
        assertThat(read(json, "$.entries[0].domain")).isEqualTo("Test");
        assertThat(read(json, "$.entries[0].transactional")).isEqualTo(true);
        assertThat((String) read(json, "$.entries[0].appliedAt")).isNotBlank();
        assertThat((String) read(json, "$.entries[0].appliedBy")).isNotBlank();
        assertThat(read(json, "$.entries[0].executionTimeMs")).isInstanceOf(Number.class);
        assertThat(((Number) read(json, "$.entries[0].sizeAfterBytes")).longValue()).isPositive();
        assertThat(read(json, "$.entries[0].sizeDeltaBytes")).isInstanceOf(Number.class);
    }

    @Test
    @Order(2)
    void appliedMigrationByVersion() throws Exception {
        HttpResponse<String> response = get("/actuator/migrations/2024_01_01_100000");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body(), "$.description")).isEqualTo("Create widgets table");
        assertThat(read(response.body(), "$.state")).isEqualTo("APPLIED");
        assertThat(read(response.body(), "$.preview")).isNull();
    }

    @Test
    @Order(2)
    void pendingMigrationByVersionShowsAPreviewOfItsSql() throws Exception {
        HttpResponse<String> response = get("/actuator/migrations/2024_01_03_100000");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body(), "$.state")).isEqualTo("PENDING");
        assertThat(read(response.body(), "$.preview.outcome")).isEqualTo("preview");
        assertThat(read(response.body(), "$.preview.statements[0]").toString()).contains("CREATE TABLE gizmos");
        assertThat(database.tableExists("gizmos")).isFalse();
    }

    @Test
    @Order(2)
    void pendingSelectorPreviewsEveryPendingMigration() throws Exception {
        HttpResponse<String> response = get("/actuator/migrations/pending");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body(), "$.kind")).isEqualTo("preview");
        assertThat(read(response.body(), "$.pendingCount")).isEqualTo(1);
        assertThat(read(response.body(), "$.migrations[0].version")).isEqualTo("2024_01_03_100000");
        assertThat(read(response.body(), "$.migrations[0].statements[0]").toString())
            .contains("CREATE TABLE gizmos");
        assertThat(database.tableExists("gizmos")).isFalse();
    }

    @Test
    @Order(2)
    void postingToPendingRunsADryRunThatChangesNothing() throws Exception {
        HttpResponse<String> response = post("/actuator/migrations/pending", "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body(), "$.kind")).isEqualTo("dry-run");
        assertThat(read(response.body(), "$.migrations[0].version")).isEqualTo("2024_01_03_100000");
        assertThat(read(response.body(), "$.migrations[0].outcome")).isEqualTo("dry_run");
        assertThat(read(response.body(), "$.migrations[0].statements[0]").toString()).contains("CREATE TABLE gizmos");
        assertThat(database.tableExists("gizmos")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-01-01", "latest", "2024_02_30_100000" })
    @Order(2)
    void malformedVersionIsABadRequestNamingTheExpectedForm(String version) throws Exception {
        HttpResponse<String> response = get("/actuator/migrations/" + version);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(version).contains("YYYY_MM_DD_HHMMSS");
    }

    @Test
    @Order(2)
    void unknownVersionIsNotFound() throws Exception {
        HttpResponse<String> response = get("/actuator/migrations/2023_01_01_000000");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("2023_01_01_000000");
    }

    @Test
    @Order(2)
    void healthShowsTheMigrationsComponent() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body(), "$.components.migrations.status")).isEqualTo("UP");
        assertThat(read(response.body(), "$.components.migrations.details.currentVersion"))
            .isEqualTo("2024_01_02_100000");
        assertThat(read(response.body(), "$.components.migrations.details.pending")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void rollbackDryRunChangesNothing() throws Exception {
        HttpResponse<String> response = post("{\"steps\": 1, \"dryRun\": true}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body(), "$.dryRun")).isEqualTo(true);
        assertThat(read(response.body(), "$.count")).isEqualTo(1);
        assertThat(read(response.body(), "$.migrations[0].version")).isEqualTo("2024_01_02_100000");
        assertThat(database.tableExists("gadgets")).isTrue();
    }

    @Test
    @Order(2)
    void rollbackReachingAForwardOnlyMigrationIsRefusedWithTheRecommendation() throws Exception {
        HttpResponse<String> response = post("{\"steps\": 2}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(read(response.body(), "$.error")).isEqualTo("ROLLBACK_REFUSED");
        assertThat(read(response.body(), "$.message").toString()).contains("2024_01_01_100000");
        assertThat(read(response.body(), "$.recommendation").toString()).contains("make:migration");
        assertThat(database.tableExists("gadgets")).isTrue();
        assertThat(database.tableExists("widgets")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"steps\": 0}", "{\"steps\": -1}", "{\"steps\": \"abc\"}", "{}",
            "{\"steps\": 999999999999}", "{\"steps\": 3}", "{\"dryRun\": true}", "not json" })
    @Order(2)
    void badStepsAreABadRequest(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(database.tableExists("gadgets")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "[]", "{\"steps\": {}}", "{\"steps\": 1", "\u0000" })
    @Order(2)
    void bodiesSpringRejectsGetTheEndpointsErrorShape(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("application/json"));
        assertThat(read(response.body(), "$.error")).isEqualTo("INVALID_INPUT");
        assertThat(read(response.body(), "$.message").toString()).contains("not a JSON object");
        assertThat(read(response.body(), "$.recommendation").toString()).contains("Content-Type: application/json",
                "{\"steps\": 1");
    }

    @Test
    @Order(2)
    void anEmptyBodyNamesTheMissingSteps() throws Exception {
        HttpResponse<String> response = post("");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(read(response.body(), "$.error")).isEqualTo("INVALID_INPUT");
        assertThat(read(response.body(), "$.message").toString()).contains("steps");
        assertThat((String) read(response.body(), "$.recommendation")).isNotBlank();
    }

    @Test
    @Order(2)
    void aBodyWithoutAJsonContentTypeIsUnsupportedWithTheErrorShape() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/actuator/migrations"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("steps=1"))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(read(response.body(), "$.error")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(read(response.body(), "$.message").toString()).contains("application/x-www-form-urlencoded");
        assertThat(read(response.body(), "$.recommendation").toString()).contains("Content-Type: application/json");
        assertThat(database.tableExists("gadgets")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024_01_01_100000%27%3B%20DROP%20TABLE%20widgets%3B--", "widgets%22%3B%20DROP%20TABLE%20widgets%3B--",
            "2024_01_01_100000%00", "%27%20OR%201%3D1", "t%C3%A4", "%E8%A1%A8", "%F0%9F%92%A5", "-1",
            "99999999999999999999999999", "2024_01_01_1000000000000000000000000000000000000000000000000000000000000000",
            "%20", "null", "..%2F..%2Fetc%2Fpasswd" })
    @Order(2)
    void hostileVersionsAreRejectedAndReachNoSql(String version) throws Exception {
        HttpResponse<String> response = get("/actuator/migrations/" + version);
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 404);
        assertThat(database.tableExists("widgets")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"steps\": \"1; DROP TABLE widgets\"}", "{\"steps\": 1.5}", "{\"steps\": null}",
            "{\"steps\": true}", "{\"steps\": []}", "{\"steps\": {}}", "{\"steps\": -2147483648}",
            "{\"steps\": 2147483648}", "{\"steps\": 1e10}", "{\"steps\": \"\u0661\"}", "{\"steps\": \"\"}",
            "{\"steps\": 1, \"force\": \"yes please\"}", "", "[]", "{\"steps\": 1", "\u0000" })
    @Order(2)
    void hostileRollbackBodiesAreRejectedAndChangeNothing(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat((String) read(response.body(), "$.error")).isNotBlank();
        assertThat(database.tableExists("gadgets")).isTrue();
        assertThat(database.queryForStrings("SELECT status FROM schema_migrations ORDER BY id"))
            .containsExactly("APPLIED", "APPLIED");
    }

    @Test
    @Order(3)
    void rollbackOfAReversibleMigration() throws Exception {
        HttpResponse<String> response = post("{\"steps\": 1}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(read(response.body(), "$.dryRun")).isEqualTo(false);
        assertThat(read(response.body(), "$.migrations[0].version")).isEqualTo("2024_01_02_100000");
        assertThat(read(response.body(), "$.migrations[0].direction")).isEqualTo("down");
        assertThat(read(response.body(), "$.currentVersion")).isEqualTo("2024_01_01_100000");
        assertThat(database.tableExists("gadgets")).isFalse();
        HttpResponse<String> status = get("/actuator/migrations/2024_01_02_100000");
        assertThat(read(status.body(), "$.state")).isEqualTo("ROLLED_BACK");
        String scrape = get("/actuator/prometheus").body();
        assertThat(sample(scrape, "migrations_execution_seconds_count", "direction=\"down\"",
                "outcome=\"success\"")).isEqualTo(1);
        assertThat(sample(scrape, "migrations_applied")).isEqualTo(1);
        String after = get("/actuator/migrations").body();
        assertThat(read(after, "$.counts.ROLLED_BACK")).isEqualTo(1);
        assertThat(read(after, "$.pendingCount")).isEqualTo(read(after, "$.counts.PENDING")).isEqualTo(1);
    }

    @Nested
    @TestPropertySource(properties = "migrations.rollback.enabled=false")
    class WhenRollbackIsDisabled {

        @Test
        void rollbackIsForbiddenNamingBothSettings() throws Exception {
            HttpResponse<String> response = post("{\"steps\": 1}");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("migrations.rollback.enabled=true")
                .contains("management.endpoint.migrations.access=unrestricted");
        }
    }

    @Nested
    @TestPropertySource(properties = "management.endpoint.migrations.access=read-only")
    class WithDefaultAccess {

        @Test
        void rollbackIsNotAllowed() throws Exception {
            HttpResponse<String> response = post("{\"steps\": 1}");
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(read(response.body(), "$.error")).isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(read(response.body(), "$.recommendation").toString())
                .contains("management.endpoint.migrations.access=unrestricted");
            assertThat(get("/actuator/migrations").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return new ActuatorHttp(this.port).get(path);
    }

    private HttpResponse<String> post(String json) throws IOException, InterruptedException {
        return post("/actuator/migrations", json);
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return new ActuatorHttp(this.port).post(path, json);
    }

    private URI uri(String path) {
        return new ActuatorHttp(this.port).uri(path);
    }

    private static Object read(String json, String path) {
        return ActuatorHttp.read(json, path);
    }

    private static double sample(String scrape, String name, String... labels) {
        return ActuatorHttp.sample(scrape, name, labels);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EndpointApplication {

        @Bean
        Migration createWidgets() {
            return TestMigration.createTable("2024_01_01_100000", "widgets");
        }

        @Bean
        Migration createGadgets() {
            return TestMigration.reversibleCreateTable("2024_01_02_100000", "gadgets");
        }

        @Bean
        Migration createGizmos() {
            return TestMigration.createTable("2024_01_03_100000", "gizmos");
        }

        @Bean
        MigrationsStartupStrategy upToTheSecondMigration() {
            return (migrations) -> migrations.migrate(MigrateOptions.defaults()
                .withTarget(MigrationTarget.upTo(MigrationVersion.fromTimestamp("2024_01_02_100000"))));
        }

        @Bean
        SecurityFilterChain openActuator(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
        }
    }
}
