package dev.saferoll.migrations.test;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationState;
import dev.saferoll.migrations.MigrationStatusEntry;
import dev.saferoll.migrations.MigrationTarget;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;
import dev.saferoll.migrations.RollbackOptions;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.database.CatalogSnapshot;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;
import dev.saferoll.migrations.test.RoundTripReport.Entry;
import dev.saferoll.migrations.test.RoundTripReport.Finding;
import dev.saferoll.migrations.test.RoundTripReport.Result;

/**
 * Proves that every {@link SafelyReversible} migration's {@code down} undoes its {@code up} exactly. Against an
 * empty database it applies the migrations one by one in version order; for each reversible one it compares the
 * schema before {@code up} with the schema after {@code up}, {@code down}, and compares a second {@code up} with the
 * first. Forward-only migrations are just applied.
 * <p>
 * In a Spring Boot test, turn off the startup run so the database stays empty:
 * <pre>{@code
 * @SpringBootTest(properties = "migrations.run-on-startup=false")
 * class MigrationRollbackTests {
 *     @Autowired Migrations migrations;
 *
 *     @Test
 *     void rollbacksAreExact() {
 *         MigrationRoundTrip.assertAllReversible(migrations);
 *     }
 * }
 * }</pre>
 * The database is left migrated to the latest version.
 */
public final class MigrationRoundTrip {

    private final Migrations migrations;

    private final boolean forceRollback;

    private MigrationRoundTrip(Migrations migrations, boolean forceRollback) {
        this.migrations = migrations;
        this.forceRollback = forceRollback;
    }

    /** A round trip with the facade's data source, migrations, history table and listeners. */
    public static MigrationRoundTrip of(Migrations migrations) {
        return new MigrationRoundTrip(migrations, false);
    }

    /** A round trip of these migrations against an empty database, with default settings. */
    public static MigrationRoundTrip of(DataSource dataSource, List<? extends Migration> migrations) {
        return of(Migrations.builder().dataSource(dataSource).migrations(migrations).build());
    }

    /** Checks every migration and throws an {@link AssertionError} that lists each failure with its diff. */
    public static void assertAllReversible(Migrations migrations) {
        of(migrations).assertReversible();
    }

    /**
     * Whether to pass the data-loss guard on each {@code down}: needed when migrations seed rows that the
     * {@code down} deletes. Without it such a refusal is reported as a failure.
     */
    public MigrationRoundTrip forceRollback(boolean forceRollback) {
        return new MigrationRoundTrip(this.migrations, forceRollback);
    }

    /** Like {@link #verify()}, but throws an {@link AssertionError} listing each failure with its diff. */
    public RoundTripReport assertReversible() {
        RoundTripReport report = verify();
        if (!report.isSuccessful()) {
            throw new AssertionError(report.describeFailures());
        }
        return report;
    }

    /**
     * Walks every migration up, and every reversible one down and up again, and reports what it found.
     * @throws IllegalStateException if the database is not empty: it holds tables or applied migrations
     */
    public RoundTripReport verify() {
        requireEmpty();
        List<Entry> entries = new ArrayList<>();
        @Nullable String stoppedAt = null;
        for (Migration migration : this.migrations.getMigrations()) {
            if (stoppedAt != null) {
                entries.add(entry(migration, Result.SKIPPED, List.of(new Finding("not checked: the round trip stopped "
                        + "at " + stoppedAt + ", whose failure left the database unfit to go on", List.of()))));
                continue;
            }
            CatalogSnapshot before = snapshot();
            @Nullable String failure = migrateTo(migration);
            if (failure != null) {
                entries.add(entry(migration, Result.FAILED, List.of(new Finding("up() failed: " + failure,
                        List.of()))));
                stoppedAt = migration.getVersion().value();
                continue;
            }
            if (!(migration instanceof SafelyReversible)) {
                entries.add(entry(migration, Result.FORWARD_ONLY, List.of()));
                continue;
            }
            CatalogSnapshot afterUp = snapshot();
            List<Finding> findings = new ArrayList<>();
            @Nullable String rollbackFailure = rollback();
            if (rollbackFailure != null) {
                findings.add(new Finding(rollbackFailure, List.of()));
                entries.add(entry(migration, Result.FAILED, findings));
                continue;
            }
            List<String> downDiff = before.diff(snapshot());
            if (!downDiff.isEmpty()) {
                findings.add(new Finding("down() did not restore the schema from before up() "
                        + "(+ left behind, - missing, ~ changed):", downDiff));
            }
            failure = migrateTo(migration);
            if (failure != null) {
                findings.add(new Finding("up() failed when applied again after down(): " + failure, List.of()));
                entries.add(entry(migration, Result.FAILED, findings));
                stoppedAt = migration.getVersion().value();
                continue;
            }
            List<String> upDiff = afterUp.diff(snapshot());
            if (!upDiff.isEmpty()) {
                findings.add(new Finding("up() after down() gave a different schema than the first up() "
                        + "(+ extra, - missing, ~ changed):", upDiff));
            }
            entries.add(entry(migration, findings.isEmpty() ? Result.VERIFIED : Result.FAILED, findings));
        }
        return new RoundTripReport(entries);
    }

    private void requireEmpty() {
        List<String> recorded = this.migrations.status().entries().stream()
            .filter((entry) -> entry.state() != MigrationState.PENDING)
            .map(MigrationRoundTrip::describe)
            .toList();
        if (!recorded.isEmpty()) {
            throw new IllegalStateException("MigrationRoundTrip needs an empty database, but its history already "
                    + "records " + String.join(", ", recorded) + "; run it against a fresh, empty database (in a "
                    + "Spring Boot test set migrations.run-on-startup=false)");
        }
        CatalogSnapshot schema = snapshot();
        if (!schema.isEmpty()) {
            throw new IllegalStateException("MigrationRoundTrip needs an empty schema, but schema '" + schema.schema()
                    + "' already holds " + String.join(", ", schema.relations().stream()
                        .map((relation) -> relation.kind() + " " + relation.name()).toList())
                    + "; run it against a fresh, empty database (in a Spring Boot test set "
                    + "migrations.run-on-startup=false)");
        }
    }

    private static String describe(MigrationStatusEntry entry) {
        return entry.version() + " (" + entry.state() + ")";
    }

    private @Nullable String migrateTo(Migration migration) {
        try {
            this.migrations.migrate(MigrateOptions.defaults()
                .withTarget(MigrationTarget.upTo(migration.getVersion())));
            return null;
        }
        catch (RuntimeException ex) {
            return message(ex);
        }
    }

    private @Nullable String rollback() {
        try {
            this.migrations.rollback(1, RollbackOptions.defaults().withAllowDataLoss(this.forceRollback));
            return null;
        }
        catch (RollbackWouldLoseDataException ex) {
            return "the data-loss guard refused down(): " + message(ex) + ". If the migrations seed rows that "
                    + "down() deletes, use MigrationRoundTrip.of(migrations).forceRollback(true)";
        }
        catch (RuntimeException ex) {
            return "down() failed: " + message(ex);
        }
    }

    /** The schema the migrations work on, without their history table. */
    private CatalogSnapshot snapshot() {
        MigrationsConfiguration configuration = this.migrations.getConfiguration();
        String schema = (configuration.schema() != null) ? configuration.schema() : configuration.table().schema();
        return CatalogSnapshot.capture(configuration.dataSource(), schema, this.migrations.getSaferollTables());
    }

    private static Entry entry(Migration migration, Result result, List<Finding> findings) {
        return new Entry(migration.getVersion(), migration.getDescription(), result, findings);
    }

    private static String message(Throwable ex) {
        return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
    }
}
