package dev.saferoll.migrations.test;

import java.util.function.Consumer;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;

/** Migrations made from lambdas, for tests. */
class TestMigration implements Migration {

    @FunctionalInterface
    interface Step {

        void run(MigrationConnection connection) throws Exception;
    }

    private final MigrationVersion version;

    private final String description;

    private final Step up;

    TestMigration(String version, String description, Step up) {
        this.version = MigrationVersion.fromTimestamp(version);
        this.description = description;
        this.up = up;
    }

    static TestMigration forwardOnly(String version, String description, Step up) {
        return new TestMigration(version, description, up);
    }

    static Reversible reversible(String version, String description, Step up, Step down) {
        return new Reversible(version, description, up, down);
    }

    /** A step that builds one schema change and executes it. */
    static Step schema(Consumer<Schema> change) {
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

    static final class Reversible extends TestMigration implements SafelyReversible {

        private final Step down;

        Reversible(String version, String description, Step up, Step down) {
            super(version, description, up);
            this.down = down;
        }

        @Override
        public void down(MigrationConnection connection) throws Exception {
            this.down.run(connection);
        }
    }
}
