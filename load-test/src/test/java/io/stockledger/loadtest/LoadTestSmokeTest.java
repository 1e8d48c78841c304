package io.stockledger.loadtest;

import io.gatling.app.Gatling$;
import io.stockledger.testsupport.TestDatabase;
import io.stockledger.loadtest.support.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's check that the load test still works, in about half a minute: the service jar of this build runs as
 * its own process on a fresh database, the simulation's {@code smoke} profile drives it for a few seconds at a low
 * rate through Gatling (seeding, every kind of visit, assertions, report), and the oversell check runs after it.
 * No latency is asserted: the full Black Friday profile is run on purpose (docs/load-test.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadTestSmokeTest {

    private static final String SECRET = "load-test-smoke-secret-" + UUID.randomUUID();

    private final Path output = Path.of(System.getProperty("loadtest.outputDir", "target/load-test-smoke"))
            .toAbsolutePath();
    private ServiceProcess service;
    private int gatlingExitCode;
    private RunObservations observations;

    @BeforeAll
    void runTheSmokeProfile() {
        Path jar = Path.of(System.getProperty("loadtest.serviceJar", "../api/target/stock-ledger.jar"));
        service = ServiceProcess.start(jar, TestDatabase.createFresh(), SECRET, output.resolve("service.log"));
        Map<String, String> settings = Map.of(
                "loadtest.profile", "smoke",
                "loadtest.baseUrl", service.baseUrl(),
                "loadtest.jwtSecret", SECRET,
                "loadtest.outputDir", output.toString());
        settings.forEach(System::setProperty);
        try {
            gatlingExitCode = Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation", BlackFridaySimulation.class.getName(),
                    "--results-folder", output.resolve("gatling").toString(),
                    "--run-description", "smoke"});
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
        observations = RunObservations.load(output.resolve(RunObservations.FILE_NAME));
    }

    @AfterAll
    void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theRunMeetsItsAssertionsAndLeavesAnHtmlReport() throws IOException {
        assertThat(gatlingExitCode).as("Gatling's exit code (2: an assertion failed)").isZero();
        try (var reports = Files.list(output.resolve("gatling"))) {
            assertThat(reports.map(report -> report.resolve("index.html")).anyMatch(Files::isRegularFile)).isTrue();
        }
        assertThat(Files.readString(output.resolve("stages.md"))).contains("| 1: 0→5 rps |", "| 2: 5→20 rps |", "| 3: 20 rps |");
    }

    @Test
    void everyKindOfVisitHappened() {
        List<SkuObservations> skus = observations.skus();
        assertThat(skus).hasSize(21);
        assertThat(skus).allSatisfy(sku -> assertThat(sku.received()).isPositive());
        assertThat(skus.stream().mapToInt(sku -> sku.reservations().size()).sum()).isPositive();
        assertThat(skus.stream().mapToInt(sku -> sku.confirmed().size()).sum()).isPositive();
        assertThat(skus.stream().mapToInt(sku -> sku.released().size()).sum()).isPositive();
        // the hot SKU has 4 units: it sold out, and later shoppers were refused
        assertThat(observations.sku(0).refusedReserves()).isPositive();
        List<OrderObservation> orders = observations.orders();
        assertThat(orders).as("checkouts and abandoned carts are orders").isNotEmpty()
                .allSatisfy(order -> assertThat(order.lines()).hasSizeBetween(1, 5));
        assertThat(orders).anySatisfy(order -> assertThat(order.lines()).hasSizeGreaterThan(1));
        assertThat(orders).anySatisfy(order -> assertThat(order.answer()).isEqualTo(OrderObservation.Answer.GRANTED));
        assertThat(orders).filteredOn(order -> order.answer() == OrderObservation.Answer.GRANTED)
                .allSatisfy(order -> assertThat(order.allocations()).extracting(OrderObservation.Allocation::lineId)
                        .containsExactlyInAnyOrderElementsOf(order.lines().stream().map(OrderObservation.Line::lineId)
                                .toList()));
    }

    @Test
    void theOversellCheckPassedAfterTheRunAndPassesOnItsOwn() throws IOException {
        assertThat(Files.readString(output.resolve("oversell-check.txt"))).startsWith("oversell check: PASSED");

        OversellReport again = OversellCheck.run(service.baseUrl(), auditorToken(), observations);

        assertThat(again.passed()).as(again.summary()).isTrue();
        assertThat(again.skus()).isEqualTo(21);
        assertThat(again.granted()).isGreaterThanOrEqualTo(
                observations.skus().stream().mapToInt(sku -> sku.reservations().size()).sum());
        // and it covered the orders, whole or nothing
        assertThat(again.orders().failures()).isEmpty();
        assertThat(again.orders().granted() + again.orders().refused() + again.orders().unclear())
                .isEqualTo(observations.orders().size());
        assertThat(again.orders().granted()).isPositive();
        assertThat(again.summary()).contains("orders: ");
    }

    @Test
    void theOversellCheckFailsWhenARefusedOrderIsHeldInTheLedger() {
        OrderObservation granted = observations.orders().stream()
                .filter(order -> order.answer() == OrderObservation.Answer.GRANTED).findFirst().orElseThrow();
        OrderObservation claimedRefused = new OrderObservation(granted.orderId(), granted.lines());
        claimedRefused.refused();
        List<OrderObservation> orders = new java.util.ArrayList<>(observations.orders());
        orders.replaceAll(order -> order == granted ? claimedRefused : order);

        OrderCheck.Result result = OrderCheck.compare(orders, ordersInTheLedger());

        assertThat(result.failures()).anySatisfy(failure -> assertThat(failure)
                .contains("PARTIAL ORDER", granted.orderId()));
    }

    /** Every order line reservation of the run's SKUs, read from the event store as the check reads it. */
    private List<LedgerReplay.OrderLineReservation> ordersInTheLedger() {
        LedgerReader reader = new LedgerReader(service.baseUrl(), auditorToken());
        List<LedgerReplay.OrderLineReservation> lines = new java.util.ArrayList<>();
        for (SkuObservations sku : observations.skus()) {
            LedgerReplay replay = new LedgerReplay();
            long from = 0;
            while (true) {
                com.fasterxml.jackson.databind.JsonNode page = reader.events(sku.productId(),
                        observations.warehouseId(), from, LedgerReader.PAGE);
                replay.applyAll(page.path("events"));
                if (page.path("next_from_sequence").isNull() || page.path("next_from_sequence").isMissingNode()) {
                    break;
                }
                from = page.path("next_from_sequence").asLong();
            }
            lines.addAll(replay.orderLines());
        }
        return lines;
    }

    @Test
    void theOversellCheckFailsWhenAClientWasToldOfStockTheLedgerNeverGranted() {
        SkuObservations hot = observations.sku(0);
        UUID phantom = UUID.randomUUID();
        hot.reserveAnswered(200, phantom, 1);
        try {
            OversellReport report = OversellCheck.run(service.baseUrl(), auditorToken(), observations);

            assertThat(report.passed()).isFalse();
            assertThat(report.failures()).anySatisfy(failure -> assertThat(failure)
                    .contains(phantom.toString(), "not in the event store"));
        } finally {
            hot.reservations().remove(phantom);
        }
    }

    private String auditorToken() {
        return new ClientTokens(LoadProfile.from(key -> switch (key) {
            case "loadtest.profile" -> "smoke";
            case "loadtest.jwtSecret" -> SECRET;
            default -> null;
        }, variable -> null)).auditor();
    }
}
