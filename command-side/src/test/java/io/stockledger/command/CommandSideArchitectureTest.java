package io.stockledger.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The command side's inner boundaries, checked on its compiled classes. */
class CommandSideArchitectureTest {

    private static final String GROUP_COMMIT = "io.stockledger.command.groupcommit..";
    private static final String DISPATCH = "io.stockledger.command.dispatch..";
    private static final String LEDGER = "io.stockledger.command.ledger..";

    private static JavaClasses commandSide;

    @BeforeAll
    static void importClasses() {
        commandSide = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stockledger.command");
    }

    @Test
    void onlyTheDispatcherAndTheLedgerSeeGroupCommitsBatches() {
        noClasses().that().resideOutsideOfPackages(GROUP_COMMIT, DISPATCH, LEDGER)
                .should().dependOnClassesThat().resideInAPackage(GROUP_COMMIT)
                .because("only the dispatcher builds batches and only the ledger decides them")
                .check(commandSide);
    }

    @Test
    void theAggregatesPackageKeepsItsClassesToItself() {
        classes().that().resideInAPackage(LEDGER).and().areTopLevelClasses()
                .should().notBePublic()
                .because("Axon and Spring find the aggregate and its handlers by annotation and scanning; everything"
                        + " else reaches the ledger through the messages in command.api")
                .check(commandSide);
    }

    @Test
    void theCommandSideNeverSeesTheQuerySide() {
        noClasses().that().resideInAPackage("io.stockledger.command..")
                .should().dependOnClassesThat().resideInAPackage("io.stockledger.query..")
                .check(commandSide);
    }
}
