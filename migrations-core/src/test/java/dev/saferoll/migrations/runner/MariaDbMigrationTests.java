package dev.saferoll.migrations.runner;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMariaDb;

class MariaDbMigrationTests extends PortableMigrationTests {

    @Override
    protected TestDatabase createDatabase() {
        return TestMariaDb.createDatabase();
    }
}
