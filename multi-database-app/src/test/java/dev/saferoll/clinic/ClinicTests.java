package dev.saferoll.clinic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinic on one database: it starts only if its migrations ran before Hibernate validated the schema
 * ({@code ddl-auto=validate}), then serves through JPA and reports the migrations' health. Each subclass picks
 * the database and its profile.
 */
@SpringBootTest(classes = ClinicApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ClinicTests {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void servesTheSeededOwnersThroughJpa() throws Exception {
        HttpResponse<String> owners = get("/owners");
        assertThat(owners.statusCode()).isEqualTo(200);
        assertThat(owners.body()).contains("\"name\":\"Betty Davis\"").contains("\"name\":\"George Franklin\"");
        assertThat(owners.body().indexOf("Betty Davis")).isLessThan(owners.body().indexOf("George Franklin"));
    }

    @Test
    void writesThroughJpaIntoTheMigratedTables() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/owners"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Jean\",\"lastName\":\"Coleman\","
                    + "\"email\":\"jean." + getClass().getSimpleName() + "@example.com\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("\"name\":\"Jean Coleman\"").containsPattern("\"id\":\\d+");
        assertThat(get("/owners/1/pets").body()).isEqualTo("[\"Leo\"]");
    }

    @Test
    void healthShowsTheMigrationsComponent() throws Exception {
        HttpResponse<String> health = get("/actuator/health/migrations");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"currentVersion\":\"2024_01_15_143200\"");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + this.port + path);
    }
}
