package dev.saferoll.migrations.deployment;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling update, as separate processes against one database (Spring Security, on the test classpath for other
 * tests, is left out): release 2 migrates while release 1 still runs;
 * release 1 stays UP, and a release 1 instance that restarts in that window (or after an app rollback) starts and
 * serves.
 */
class RollingUpdateTests {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        this.database = TestPostgres.createDatabase();
    }

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void theOlderReleaseStaysUpAndRestartsWhileTheNewerOneHasMigrated() {
        try (AppProcess release1 = start("1")) {
            assertThat(health(release1)).isEqualTo(200);
            try (AppProcess release2 = start("2")) {
                assertThat(health(release2)).isEqualTo(200);
                assertThat(this.database.tableExists("invoices")).isTrue();

                HttpResponse<String> old = release1.get("/actuator/health");
                assertThat(old.statusCode()).as(old.body()).isEqualTo(200);
                assertThat(JsonPath.<String>read(old.body(), "$.components.migrations.status")).isEqualTo("UP");
                assertThat(JsonPath.<Object>read(old.body(), "$.components.migrations.details.future").toString())
                    .contains(ReleaseApplication.SECOND);

                try (AppProcess restarted = start("1")) {
                    HttpResponse<String> health = restarted.get("/actuator/health");
                    assertThat(health.statusCode()).as(restarted.output()).isEqualTo(200);
                    HttpResponse<String> status = restarted.get("/actuator/migrations");
                    assertThat(status.statusCode()).isEqualTo(200);
                    assertThat(JsonPath.<Object>read(status.body(), "$.entries[*].state").toString())
                        .contains("APPLIED", "FUTURE");
                }
            }
        }
    }

    private AppProcess start(String release) {
        return AppProcess.start(ReleaseApplication.class, "--release=" + release,
                "--spring.datasource.url=" + this.database.url(),
                "--management.endpoints.web.exposure.include=health,migrations",
                "--management.endpoint.health.show-details=always", "--migrations.metrics.refresh-interval=0s",
                "--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--spring.autoconfigure.exclude=" + String.join(",",
                        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                        "org.springframework.boot.security.autoconfigure.actuate.web.servlet."
                                + "ManagementWebSecurityAutoConfiguration"));
    }

    private static int health(AppProcess app) {
        return app.get("/actuator/health").statusCode();
    }
}
