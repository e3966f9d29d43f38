package dev.saferoll.migrations.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

class MultiProcessStartupTests {

    private static final Pattern APPLIED = Pattern.compile("RESULT applied=(\\d+)");

    private static final int PROCESSES = Integer.getInteger("saferoll.reliability.processes", 8);

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
    void separateJvmsStartingTogetherApplyEachMigrationExactlyOnce() {
        List<Launched> launched = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            launched.add(Launched.start(this.database.url(), "tables"));
        }
        int applied = 0;
        for (Launched process : launched) {
            assertThat(process.waitFor(Duration.ofMinutes(3))).as(process.output()).isZero();
            Matcher matcher = APPLIED.matcher(process.result());
            assertThat(matcher.matches()).as(process.output()).isTrue();
            applied += Integer.parseInt(matcher.group(1));
        }
        assertThat(applied).isEqualTo(50);
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations")).isEqualTo(50);
        assertThat(this.database.queryForLong("SELECT count(*) FROM schema_migrations WHERE status = 'APPLIED'"))
            .isEqualTo(50);
        assertThat(this.database.queryForLong("SELECT count(DISTINCT version) FROM schema_migrations")).isEqualTo(50);
        assertThat(this.database.queryForLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                + "AND tablename ~ '^t[0-9]+$'")).isEqualTo(50);
        assertThat(this.database.queryForLong("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' "
                + "AND tablename ~ '^t[0-9]+$' AND indexdef NOT LIKE '%UNIQUE%'")).isEqualTo(50);
        assertThat(new DatabaseProbe(this.database).advisoryLocks()).isZero();
    }
}
