package dev.saferoll.migrations.runner;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;

/** Migrations made from lambdas, for tests. */
class TestMigration implements Migration {

    @FunctionalInterface
    interface Step {

        void run(MigrationConnection connection) throws Exception;
    }

    private final MigrationVersion version;

    private final String description;

    private final Step up;

    private final boolean transactional;

    TestMigration(String version, String description, Step up, boolean transactional) {
        this.version = MigrationVersion.fromTimestamp(version);
        this.description = description;
        this.up = up;
        this.transactional = transactional;
    }

    static TestMigration forwardOnly(String version, String description, Step up) {
        return new TestMigration(version, description, up, true);
    }

    static TestMigration nonTransactional(String version, String description, Step up) {
        return new TestMigration(version, description, up, false);
    }

    static Reversible reversible(String version, String description, Step up, Step down) {
        return new Reversible(version, description, up, down);
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

    static final class Reversible extends TestMigration implements SafelyReversible {

        private final Step down;

        Reversible(String version, String description, Step up, Step down) {
            super(version, description, up, true);
            this.down = down;
        }

        @Override
        public void down(MigrationConnection connection) throws Exception {
            this.down.run(connection);
        }
    }
}
