package dev.saferoll.migrations.reliability;

import dev.saferoll.migrations.testing.TestDatabase;
import dev.saferoll.migrations.testing.TestH2;

/** H2 behind its TCP server, started by this test's JVM: the launchers share one in-memory database through it. */
class H2ReliabilityTests extends PortableReliabilityTests {

    @Override
    protected TestDatabase createSharedDatabase() {
        return TestH2.createServerDatabase();
    }
}
