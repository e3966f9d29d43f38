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

/** A raw-SQL {@code down()} that would drop values is refused by {@code db:rollback} with exit code 3. */
class RawSqlRollbackGuardCommandTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T14:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final TestDatabase database = TestPostgres.createDatabase();

    @AfterEach
    void dropDatabase() {
        this.database.close();
    }

    @Test
    void dropColumnHoldingValuesIsRefusedAfterConfirmation() {
        Migrations migrations = Migrations.builder().dataSource(this.database.dataSource())
            .migrations(TestMigration.forwardOnly("2024_01_01_100000", "Create users",
                    (connection) -> connection.execute("CREATE TABLE users (id bigint PRIMARY KEY)")),
                    TestMigration.reversible("2024_01_02_100000", "Add users.nickname",
                            (connection) -> connection.execute("ALTER TABLE users ADD COLUMN nickname text"),
                            (connection) -> connection.execute("ALTER TABLE users DROP COLUMN nickname")))
            .build();
        migrations.migrate();
        this.database.execute("INSERT INTO users VALUES (1, 'ada')");
        RecordingConsole console = RecordingConsole.answering("yes");
        MigrationsCommands commands = new MigrationsCommands(() -> migrations,
                new MigrationsCommands.Settings("java -jar app.jar", false, this.directory, "com.example"), console,
                CLOCK);
        assertThat(commands.run(List.of("db:rollback", "1"))).isEqualTo(CommandExitCode.REFUSED.code());
        assertThat(console.output()).contains("would delete 1 non-null value of users.nickname");
        assertThat(this.database.queryForStrings("SELECT nickname FROM users")).containsExactly("ada");
    }
}
