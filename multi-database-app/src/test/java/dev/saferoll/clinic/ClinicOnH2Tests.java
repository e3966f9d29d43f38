package dev.saferoll.clinic;

/** The default profile: an in-memory H2. */
class ClinicOnH2Tests extends ClinicTests {
}
