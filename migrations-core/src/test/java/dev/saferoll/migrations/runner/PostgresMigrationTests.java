package dev.saferoll.migrations.runner;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestPostgres;

class PostgresMigrationTests extends PortableMigrationTests {

    @Override
    protected TestDatabase createDatabase() {
        return TestPostgres.createDatabase();
    }
}
