package dev.saferoll.migrations.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.sqlfile.SqlFile;
import dev.saferoll.migrations.sqlfile.SqlFileMigrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** A database whose schema Flyway 12 built is adopted with db:baseline, and Flyway's table is left alone. */
class FlywayAdoptionTests {

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
    void aFlywayBuiltDatabaseIsBaselinedThenNewMigrationsApply() {
        Flyway.configure()
            .dataSource(this.database.dataSource())
            .locations("classpath:adoption/flyway")
            .load()
            .migrate();
        List<String> flywayHistory = flywayHistory();
        assertThat(flywayHistory).containsExactly("1 create users true", "2 add user email true");

        Migrations migrations = Migrations.builder()
            .dataSource(this.database.dataSource())
            .migrations(List.copyOf(SqlFileMigrations.of(files("adoption/saferoll"))))
            .build();
        assertThat(migrations.status().pending()).hasSize(3);

        List<MigrationVersion> recorded = migrations.baseline(MigrationVersion.fromTimestamp("2024_01_02_100000"));
        assertThat(recorded).extracting(MigrationVersion::value)
            .containsExactly("2024_01_01_100000", "2024_01_02_100000");
        assertThat(migrations.migrate().migrations()).extracting((outcome) -> outcome.version().value())
            .containsExactly("2024_03_01_100000");

        assertThat(migrations.status().entries()).extracting((entry) -> entry.state())
            .containsOnly(MigrationState.APPLIED);
        assertThat(this.database.tableExists("orders")).isTrue();
        assertThat(flywayHistory()).isEqualTo(flywayHistory);
        assertThat(migrations.drift().orElseThrow().isDrifted()).isFalse();
    }

    private List<String> flywayHistory() {
        return this.database.queryForStrings("SELECT version || ' ' || description || ' ' || success "
                + "FROM flyway_schema_history ORDER BY installed_rank");
    }

    private static List<SqlFile> files(String location) {
        try {
            Path root = Path.of(FlywayAdoptionTests.class.getClassLoader().getResource(location).toURI());
            try (Stream<Path> paths = Files.list(root)) {
                return paths.sorted().map((path) -> new SqlFile(location + "/" + path.getFileName(), "",
                        path.getFileName().toString(), read(path))).toList();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
