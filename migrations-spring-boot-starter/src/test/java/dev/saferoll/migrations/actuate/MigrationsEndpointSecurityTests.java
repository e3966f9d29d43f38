package dev.saferoll.migrations.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.autoconfigure.TestMigration;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may roll back over HTTP when Spring Security is on the classpath: with Boot's default security nobody without
 * credentials, and with the README's example only a user with the DB_ADMIN role. Both have rollback enabled
 * and the endpoint unrestricted, the most open settings a user can choose.
 */
class MigrationsEndpointSecurityTests {

    private static final String ROLLBACK_ONE = "{\"steps\": 1}";

    /** One database for both applications; neither test class rolls back for real. */
    private static final TestDatabase database = TestPostgres.createDatabase();

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Nested
    @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = DefaultSecurityApplication.class,
            properties = { "management.endpoints.web.exposure.include=health,migrations",
                    "management.endpoint.migrations.access=unrestricted", "migrations.rollback.enabled=true" })
    class WithBootsDefaultSecurity extends HttpSupport {

        @Test
        void unauthenticatedRollbackIsRejectedAndNothingIsRolledBack() throws Exception {
            assertThat(post(ROLLBACK_ONE, null).statusCode()).isEqualTo(401);
            assertThat(database.tableExists("gadgets")).isTrue();
        }

        @Test
        void unauthenticatedStatusIsRejected() throws Exception {
            assertThat(get("/actuator/migrations", null).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = RoleSecuredApplication.class,
            properties = { "management.endpoints.web.exposure.include=health,migrations",
                    "management.endpoint.migrations.access=unrestricted", "migrations.rollback.enabled=true" })
    class WithARoleForRollback extends HttpSupport {

        @Test
        void anonymousRollbackIsRejected() throws Exception {
            assertThat(post(ROLLBACK_ONE, null).statusCode()).isEqualTo(401);
            assertThat(database.tableExists("gadgets")).isTrue();
        }

        @Test
        void rollbackWithoutTheRoleIsForbidden() throws Exception {
            assertThat(post(ROLLBACK_ONE, "viewer:viewer-secret").statusCode()).isEqualTo(403);
            assertThat(database.tableExists("gadgets")).isTrue();
        }

        @Test
        void statusIsReadableWithoutTheRollbackRole() throws Exception {
            assertThat(get("/actuator/migrations", "viewer:viewer-secret").statusCode()).isEqualTo(200);
        }

        @Test
        void healthIsOpen() throws Exception {
            assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        }

        @Test
        void theRoleMayRollBack() throws Exception {
            HttpResponse<String> response = post("{\"steps\": 1, \"dryRun\": true}", "admin:admin-secret");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("2024_01_02_100000");
            assertThat(database.tableExists("gadgets")).isTrue();
        }

        @Test
        void noWriteOperationRunsOnGet() throws Exception {
            HttpResponse<String> response = get("/actuator/migrations?steps=1&force=true", "admin:admin-secret");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(database.tableExists("gadgets")).isTrue();
            assertThat(database.queryForStrings("SELECT status FROM schema_migrations ORDER BY id"))
                .containsExactly("APPLIED", "APPLIED");
        }
    }

    abstract static class HttpSupport {

        private static final HttpClient http = HttpClient.newHttpClient();

        @LocalServerPort
        int port;

        @DynamicPropertySource
        static void datasource(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", database::url);
        }

        HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
            return send(request(path, credentials).GET());
        }

        HttpResponse<String> post(String json, String credentials) throws IOException, InterruptedException {
            return send(request("/actuator/migrations", credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private HttpRequest.Builder request(String path, String credentials) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
            if (credentials != null) {
                builder.header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            }
            return builder;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500);
            return response;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class DefaultSecurityApplication {

        @Bean
        Migration createWidgets() {
            return TestMigration.createTable("2024_01_01_100000", "widgets");
        }

        @Bean
        Migration createGadgets() {
            return TestMigration.reversibleCreateTable("2024_01_02_100000", "gadgets");
        }
    }

    /** The README's example: status for operators, rollback only for DB_ADMIN. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class RoleSecuredApplication extends DefaultSecurityApplication {

        /** Word for word the README's example. */
        @Bean
        SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
            http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests((requests) -> requests
                    .requestMatchers(EndpointRequest.to("health")).permitAll()
                    .requestMatchers(HttpMethod.POST, "/actuator/migrations").hasRole("DB_ADMIN")
                    .requestMatchers(EndpointRequest.to("migrations", "prometheus")).hasRole("OPS")
                    .anyRequest().hasRole("OPS"))
                .httpBasic(Customizer.withDefaults())
                // Actuator is called by tools, not browsers; a session-less API needs no CSRF token.
                .csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("admin").password("{noop}admin-secret").roles("OPS", "DB_ADMIN").build(),
                    User.withUsername("viewer").password("{noop}viewer-secret").roles("OPS").build());
        }
    }
}
