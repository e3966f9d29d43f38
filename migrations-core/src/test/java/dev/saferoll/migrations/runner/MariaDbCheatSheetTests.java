package dev.saferoll.migrations.runner;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMariaDb;

class MariaDbCheatSheetTests extends PortableCheatSheetTests {

    @Override
    protected TestDatabase createDatabase() {
        return TestMariaDb.createDatabase();
    }
}
