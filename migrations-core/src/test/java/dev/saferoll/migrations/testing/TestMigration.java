package dev.saferoll.migrations.testing;

import java.util.function.Consumer;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;

/** Migrations made from lambdas, for tests of every module. */
public class TestMigration implements Migration {

    /** What a migration does, as a lambda. */
    @FunctionalInterface
    public interface Step {

        void run(MigrationConnection connection) throws Exception;
    }

    private final MigrationVersion version;

    private final String description;

    private final Step up;

    private final boolean transactional;

    public TestMigration(String version, String description, Step up, boolean transactional) {
        this(MigrationVersion.fromTimestamp(version), description, up, transactional);
    }

    public TestMigration(MigrationVersion version, String description, Step up, boolean transactional) {
        this.version = version;
        this.description = description;
        this.up = up;
        this.transactional = transactional;
    }

    public static TestMigration forwardOnly(String version, String description, Step up) {
        return new TestMigration(version, description, up, true);
    }

    public static TestMigration nonTransactional(String version, String description, Step up) {
        return new TestMigration(version, description, up, false);
    }

    public static Reversible reversible(String version, String description, Step up, Step down) {
        return new Reversible(MigrationVersion.fromTimestamp(version), description, up, down);
    }

    /** A reversible migration that runs outside a transaction, both ways. */
    public static Reversible reversibleNonTransactional(String version, String description, Step up, Step down) {
        return new Reversible(MigrationVersion.fromTimestamp(version), description, up, down, false);
    }

    /** A step that records one schema change and executes it. */
    public static Step schema(Consumer<Schema> change) {
        return (connection) -> {
            Schema schema = new Schema(connection);
            change.accept(schema);
            schema.execute();
        };
    }

    @Override
    public void up(MigrationConnection connection) throws Exception {
        this.up.run(connection);
    }

    @Override
    public MigrationVersion getVersion() {
        return this.version;
    }

    @Override
    public String getDescription() {
        return this.description;
    }

    @Override
    public String getDomain() {
        return "Test";
    }

    @Override
    public boolean isTransactional() {
        return this.transactional;
    }

    /** A test migration that is {@link SafelyReversible}. */
    public static final class Reversible extends TestMigration implements SafelyReversible {

        private final Step down;

        public Reversible(MigrationVersion version, String description, Step up, Step down) {
            this(version, description, up, down, true);
        }

        public Reversible(MigrationVersion version, String description, Step up, Step down, boolean transactional) {
            super(version, description, up, transactional);
            this.down = down;
        }

        @Override
        public void down(MigrationConnection connection) throws Exception {
            this.down.run(connection);
        }
    }
}
