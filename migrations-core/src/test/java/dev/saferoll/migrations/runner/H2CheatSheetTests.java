package dev.saferoll.migrations.runner;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestH2;

class H2CheatSheetTests extends PortableCheatSheetTests {

    @Override
    protected TestDatabase createDatabase() {
        return TestH2.createDatabase();
    }
}
