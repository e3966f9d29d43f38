package dev.saferoll.migrations.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The starter's shape: the endpoint, health, metrics, commands and events depend on the neutral status service, and
 * only the auto-configuration knows them all.
 */
class StarterArchitectureTests {

    private static final String STARTER = "dev.saferoll.migrations";

    private static final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(STARTER + ".autoconfigure", STARTER + ".actuate", STARTER + ".health", STARTER + ".metrics",
                STARTER + ".cli", STARTER + ".event", STARTER + ".status");

    @Test
    void featurePackagesDoNotImportTheAutoConfiguration() {
        noClasses().that()
            .resideInAnyPackage(STARTER + ".actuate..", STARTER + ".health..", STARTER + ".metrics..",
                    STARTER + ".cli..", STARTER + ".event..", STARTER + ".status..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(STARTER + ".autoconfigure..")
            .check(classes);
    }

    @Test
    void theStatusServiceKnowsNoFeature() {
        noClasses().that()
            .resideInAPackage(STARTER + ".status..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(STARTER + ".actuate..", STARTER + ".health..", STARTER + ".metrics..",
                    STARTER + ".cli..", STARTER + ".event..")
            .check(classes);
    }

    @Test
    void featuresDoNotDependOnEachOther() {
        slices().matching(STARTER + ".(actuate|health|metrics|cli|event)..")
            .should()
            .notDependOnEachOther()
            .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(STARTER + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
