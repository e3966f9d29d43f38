package dev.saferoll.migrations.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.MigrationsConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's shape, as DESIGN.md draws it. The root package holds the API and the {@link Migrations} facade with its
 * {@link MigrationsConfiguration}; the facade is where the configuration becomes the internal operations, so it alone
 * sits above {@code internal} and counts as a slice of its own when looking for cycles.
 */
class CoreArchitectureTests {

    private static final String CORE = "dev.saferoll.migrations";

    private static final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(CORE);

    @Test
    void coreKnowsNoSpringAndNoMicrometer() {
        noClasses().that()
            .resideInAPackage(CORE + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "io.micrometer..")
            .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().assignedFrom(new PackagesWithTheFacadeOnTop())
            .should()
            .beFreeOfCycles()
            .check(classes);
    }

    @Test
    void onlyTheFacadeReachesIntoInternal() {
        noClasses().that()
            .resideOutsideOfPackage(CORE + ".internal..")
            .and()
            .doNotBelongToAnyOf(Migrations.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(CORE + ".internal..")
            .check(classes);
    }

    @Test
    void internalNeverReachesBackToTheFacade() {
        noClasses().that()
            .resideInAPackage(CORE + ".internal..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(Migrations.class, MigrationsConfiguration.class, MigrationsConfiguration.Builder.class)
            .check(classes);
    }

    /** One slice per package below the root; the root package is the API, and the facade a slice above it. */
    private static final class PackagesWithTheFacadeOnTop implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            if (!javaClass.getPackageName().startsWith(CORE)) {
                return SliceIdentifier.ignore();
            }
            String topLevel = javaClass.getEnclosingClass().map(JavaClass::getName).orElse(javaClass.getName());
            if (topLevel.equals(Migrations.class.getName()) || topLevel.equals(MigrationsConfiguration.class.getName())) {
                return SliceIdentifier.of("facade");
            }
            String packageName = javaClass.getPackageName();
            return SliceIdentifier.of(packageName.equals(CORE) ? "api" : packageName.substring(CORE.length() + 1));
        }

        @Override
        public String getDescription() {
            return "packages of the core, with the Migrations facade apart from the API";
        }
    }
}
