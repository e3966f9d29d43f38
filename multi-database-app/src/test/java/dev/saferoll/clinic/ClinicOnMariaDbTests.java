package dev.saferoll.clinic;

import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMariaDb;

@ActiveProfiles("mariadb")
class ClinicOnMariaDbTests extends ClinicTests {

    private static final TestDatabase database = TestMariaDb.createDatabase();

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }
}
