package io.calamari.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Transport at the edge", across every module's production code: only {@code …Routes} classes (with the classes
 * nested in them) and the {@code http} package touch Javalin, only {@code …Store} classes and the {@code db} package
 * touch JDBI, only a {@code jna} package touches JNA.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.calamari");
        if (production.size() < 50) {
            throw new AssertionError("imported only " + production.size() + " classes; the class path is wrong");
        }
    }

    @Test
    void onlyRoutesAndTheHttpPackageUseJavalin() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..http..")
                .and()
                // A …Routes class's nested and anonymous classes (EventRoutes$1) are part of it.
                .haveNameNotMatching(".*Routes(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.javalin..")
                .check(production);
    }

    @Test
    void onlyStoresAndTheDbPackageUseJdbi() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..db..")
                .and()
                .haveSimpleNameNotEndingWith("Store")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jdbi..")
                .check(production);
    }

    @Test
    void onlyTheJnaPackageUsesJna() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..jna..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.sun.jna..")
                .check(production);
    }

    @Test
    void lowerModulesDoNotReachIntoTheServer() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.calamari.protocol..", "io.calamari.ceph..", "io.calamari.tsdb..", "io.calamari.simulator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.calamari.server..", "io.calamari.agent..")
                .check(production);
    }
}
