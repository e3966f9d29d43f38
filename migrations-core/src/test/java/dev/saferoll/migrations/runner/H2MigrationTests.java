package dev.saferoll.migrations.runner;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestH2;

class H2MigrationTests extends PortableMigrationTests {

    @Override
    protected TestDatabase createDatabase() {
        return TestH2.createDatabase();
    }
}
