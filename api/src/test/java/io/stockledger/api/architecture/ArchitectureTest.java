package io.stockledger.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of DESIGN.md section 2, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stockledger");
    }

    @Test
    void theEventContractDependsOnNoFramework() {
        noClasses().that().resideInAPackage("io.stockledger.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "io.stockledger.command..", "io.stockledger.query..", "io.stockledger.api..")
                .check(all);
    }

    @Test
    void theCommandSideNeverSeesTheQuerySide() {
        noClasses().that().resideInAPackage("io.stockledger.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stockledger.query..", "io.stockledger.api..")
                .check(all);
    }

    @Test
    void theQuerySideNeverSeesTheCommandSide() {
        noClasses().that().resideInAPackage("io.stockledger.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stockledger.command..", "io.stockledger.api..")
                .check(all);
    }

    @Test
    void theOnlyWayIntoASideIsItsMessagesAndConfiguration() {
        classes().that().resideInAnyPackage("io.stockledger.command.ledger..", "io.stockledger.command.registry..",
                        "io.stockledger.command.transfer..", "io.stockledger.query.balance..",
                        "io.stockledger.query.reservation..", "io.stockledger.query.movement..",
                        "io.stockledger.query.lot..", "io.stockledger.query.transfer..")
                .and().areTopLevelClasses()
                .should().notBePublic()
                .check(all);
    }

    @Test
    void theRestLayerTalksToTheSidesOnlyThroughTheirApiPackages() {
        noClasses().that().resideInAPackage("io.stockledger.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stockledger.command.ledger..",
                        "io.stockledger.command.registry..", "io.stockledger.query.balance..",
                        "io.stockledger.query.reservation..", "io.stockledger.query.movement..")
                .check(all);
    }
}
