package dev.saferoll.migrations.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMigration;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db:migrate --dry-run} prints what PostgreSQL measured under each statement, and lint findings cite it. */
class DryRunImpactCommandTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T14:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final TestDatabase database = TestPostgres.createDatabase();

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void eachStatementIsFollowedByItsMeasuredImpact() {
        this.database.execute("CREATE TABLE users (id bigint PRIMARY KEY, score integer)");
        this.database.execute("INSERT INTO users SELECT g, g FROM generate_series(1, 2000) g");
        this.database.execute("ANALYZE users");
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(TestMigration.forwardOnly("2024_01_01_100000", "Widen score", (connection) -> {
                connection.execute("CREATE TABLE tags (id bigint)");
                connection.execute("ALTER TABLE users ALTER COLUMN score TYPE bigint");
            }))
            .build();
        RecordingConsole console = RecordingConsole.noTerminal();
        MigrationsCommands commands = new MigrationsCommands(() -> migrations,
                new MigrationsCommands.Settings("java -jar app.jar", false, this.directory, "com.example"), console,
                CLOCK);
        assertThat(commands.run(List.of("db:migrate", "--dry-run"))).isZero();
        assertThat(console.output())
            .containsPattern("    CREATE TABLE tags \\(id bigint\\);\\R"
                    + "      measured: no new lock on any table that existed before the run\\R"
                    + "    ALTER TABLE users ALTER COLUMN score TYPE bigint;\\R"
                    + "      measured: ACCESS EXCLUSIVE on users \\(≈2\\.0 k rows, [0-9.]+ [kM]B\\), table rewritten\\R")
            .containsPattern("lint: 2024_01_01_100000 CHANGE_COLUMN_TYPE on users.score: .*\\[measured: ACCESS "
                    + "EXCLUSIVE on users \\(≈2\\.0 k rows, [0-9.]+ [kM]B\\), table rewritten\\]")
            .doesNotContain("impact of statement");
        assertThat(this.database.tableExists("tags")).isFalse();
    }
}
