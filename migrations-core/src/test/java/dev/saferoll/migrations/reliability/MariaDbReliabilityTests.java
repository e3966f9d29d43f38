package dev.saferoll.migrations.reliability;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMariaDb;

class MariaDbReliabilityTests extends PortableReliabilityTests {

    @Override
    protected TestDatabase createSharedDatabase() {
        return TestMariaDb.createDatabase();
    }
}
