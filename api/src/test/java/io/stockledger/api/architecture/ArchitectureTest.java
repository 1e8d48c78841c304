package io.stockledger.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module map of docs/architecture.md, checked on the compiled classes: each module depends only on those below
 * it, and the web layer holds no ledger, projection or store logic of its own.
 */
class ArchitectureTest {

    private static final String EVENTS = "io.stockledger.events..";
    private static final String EVENT_STORE = "io.stockledger.eventstore..";
    private static final String COMMAND = "io.stockledger.command..";
    private static final String QUERY = "io.stockledger.query..";
    private static final String AUDIT = "io.stockledger.audit..";
    private static final String API = "io.stockledger.api..";

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stockledger");
    }

    /** No class of the module depends on a class of any of the packages. */
    private static void assertDependsOnNoneOf(String module, String... packages) {
        noClasses().that().resideInAPackage(module)
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .check(all);
    }

    @Test
    void theEventContractDependsOnNoFrameworkAndNoOtherModule() {
        assertDependsOnNoneOf(EVENTS, "org.springframework..", "org.axonframework..",
                EVENT_STORE, COMMAND, QUERY, AUDIT, API);
    }

    @Test
    void theEventStoreKnowsOnlyTheEventContract() {
        assertDependsOnNoneOf(EVENT_STORE, COMMAND, QUERY, AUDIT, API);
    }

    @Test
    void theCommandSideNeverSeesTheQuerySideTheAuditOrTheWeb() {
        assertDependsOnNoneOf(COMMAND, QUERY, AUDIT, API, EVENT_STORE);
    }

    @Test
    void theQuerySideNeverSeesTheCommandSideTheAuditOrTheWeb() {
        assertDependsOnNoneOf(QUERY, COMMAND, AUDIT, API, EVENT_STORE);
    }

    @Test
    void theAuditReadsTheStoreAndTheReadModelsButNeverCommandsOrServesHttp() {
        assertDependsOnNoneOf(AUDIT, COMMAND, API, "org.springframework.web..", "jakarta.servlet..");
    }

    @Test
    void theOnlyWayIntoASideIsItsMessagesAndConfiguration() {
        classes().that().resideInAnyPackage("io.stockledger.command.ledger..", "io.stockledger.command.registry..",
                        "io.stockledger.command.transfer..", "io.stockledger.query.balance..",
                        "io.stockledger.query.reservation..", "io.stockledger.query.movement..",
                        "io.stockledger.query.lot..", "io.stockledger.query.transfer..",
                        "io.stockledger.query.availability..",
                        "io.stockledger.audit.asof..", "io.stockledger.audit.history..",
                        "io.stockledger.audit.rebuild..")
                .and().areTopLevelClasses()
                .should().notBePublic()
                .check(all);
    }

    @Test
    void theWebLayerTalksToTheModulesOnlyThroughTheirApiPackages() {
        assertDependsOnNoneOf(API, "io.stockledger.command.ledger..",
                "io.stockledger.command.registry..", "io.stockledger.command.groupcommit..",
                "io.stockledger.query.balance..",
                "io.stockledger.query.reservation..", "io.stockledger.query.movement..",
                "io.stockledger.query.availability..", "io.stockledger.query.blocked..",
                "io.stockledger.audit.asof..", "io.stockledger.audit.history..",
                "io.stockledger.audit.rebuild..", "io.stockledger.eventstore.chain..",
                "io.stockledger.eventstore.upcasting..");
    }

    @Test
    void theWebLayerHoldsNoHandlersOfItsOwn() {
        noClasses().that().resideInAPackage(API)
                .should().beAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.axonframework.eventsourcing.eventstore.EventStorageEngine")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.axonframework.eventhandling.EventHandler")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.axonframework.commandhandling.CommandHandler")
                .check(all);
    }

    /**
     * Each module owns the migrations of its own tables, in {@code db/migration/<module>}; Flyway reads them all
     * at startup in one version order, so a version may be used once only across all of them.
     */
    @Test
    void everyMigrationLivesInItsModulesFolderAndEachVersionIsUsedOnce() throws IOException {
        Set<String> modules = Set.of("event-store", "command-side", "query-side", "audit", "api");
        Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/*.sql");
        assertThat(scripts).isNotEmpty();
        Map<String, String> versions = new HashMap<>();
        List<String> misplaced = new ArrayList<>();
        for (Resource script : scripts) {
            String path = script.getURL().toString();
            String folder = path.substring(0, path.lastIndexOf('/'));
            String module = folder.substring(folder.lastIndexOf('/') + 1);
            if (!modules.contains(module)) {
                misplaced.add(path);
            }
            String version = script.getFilename().substring(0, script.getFilename().indexOf("__"));
            String earlier = versions.put(version, module + "/" + script.getFilename());
            assertThat(earlier).as("version %s used twice", version).isNull();
        }
        assertThat(misplaced).as("migrations outside a module's folder").isEmpty();
        assertThat(versions.values()).extracting(name -> name.substring(0, name.indexOf('/')))
                .as("every module with tables brings its migrations").containsAll(modules);
    }
}
