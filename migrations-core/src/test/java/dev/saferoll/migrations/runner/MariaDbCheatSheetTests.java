package dev.saferoll.migrations.runner;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestMariaDb;

class MariaDbCheatSheetTests extends PortableCheatSheetTests {

    @Override
    protected TestDatabase createDatabase() {
        return TestMariaDb.createDatabase();
    }

    // The guard's statement reader (internal.check.DataImpacts) knows double-quoted names only, not MySQL's
    // backticks; it is being rewritten on the SQL reader, which reads them.
    @Override
    protected boolean dataLossGuardReadsTheDialect() {
        return false;
    }
}
