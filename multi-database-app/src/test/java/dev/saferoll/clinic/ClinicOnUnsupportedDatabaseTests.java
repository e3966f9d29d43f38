package dev.saferoll.clinic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The clinic on HSQLDB, which Saferoll has no dialect for. With migrations on, startup fails with an analysis that
 * says where {@code migrations.enabled=false} goes for the profile; the {@code hsqldb} profile sets it, and then the
 * application starts, serves and stays healthy.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClinicOnUnsupportedDatabaseTests {

    @Test
    void startupFailsNamingWhereToSwitchMigrationsOffForTheProfile(CapturedOutput output) {
        assertThatException().isThrownBy(() -> application().run("--server.port=0", "--migrations.enabled=true",
                "--spring.datasource.url=jdbc:hsqldb:mem:unsupported"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Saferoll does not support the database 'HSQL Database Engine'")
            .contains("Saferoll supports PostgreSQL, H2, MySQL and MariaDB")
            .contains("migrations.enabled=false in application-hsqldb.properties");
    }

    @Test
    void migrationsSwitchedOffNeverTurnHealthDown() throws Exception {
        try (ConfigurableApplicationContext context = application().run("--server.port=0",
                "--server.shutdown=immediate", "--spring.datasource.url=jdbc:hsqldb:mem:switched_off")) {
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).endsWith("\"status\":\"UP\"}").doesNotContain("migrations");
            HttpResponse<String> owners = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/owners")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(owners.statusCode()).isEqualTo(200);
            assertThat(owners.body()).isEqualTo("[]");
        }
    }

    private static SpringApplication application() {
        SpringApplication application = new SpringApplication(ClinicApplication.class);
        application.setAdditionalProfiles("hsqldb");
        return application;
    }
}
