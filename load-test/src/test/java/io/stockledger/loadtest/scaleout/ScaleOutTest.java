package io.stockledger.loadtest.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.loadtest.ClientTokens;
import io.stockledger.loadtest.scaleout.ClientsPerInstance.Sku;
import io.stockledger.loadtest.support.Deployment;
import io.stockledger.loadtest.support.ServiceProcess;
import io.stockledger.loadtest.support.SuiteOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances on one database with scale-out on ({@code LEDGER_ROUTING=jgroups}), their clients spread evenly as a
 * round-robin load balancer would: on one hot SKU and on many SKUs every instance's clients are served at a like rate
 * and none waits out a timeout, nothing is oversold and no acknowledged reservation is missing; then one instance is
 * SIGKILLed mid-load, its SKUs move to the other two, and their clients keep being served.
 *
 * <p>Each case prints its figures (per-instance rate and answer times); none is asserted but the fairness ratio.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {

    /**
     * 63 clients in all, as the 64 on one hot SKU: enough that the owner's queue, not the forward, sets each
     * client's pace (with 12 per instance the owner's own clients, which skip the forward, got about twice the rate
     * on a busy two-core machine).
     */
    private static final int CLIENTS_PER_INSTANCE = 21;
    private static final Duration RUN = Duration.ofSeconds(8);
    /**
     * Checkouts on every instance before the first case, unmeasured. Without it the case measured JVMs that had not
     * yet compiled their request path, except the first instance's, which had taken the setup's requests: when that
     * instance owned the hot SKU, the other two spent about 6.7 ms of their request threads' CPU on each of their
     * clients' requests against its 2.9 ms, and their clients were served at 0.48 to 0.53 of its clients' rate
     * (measured 2026-12-07 on two cores, the owner placed there on purpose). Warmed for 6 s, the same placement gave
     * 0.68 to 0.75.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(6);
    private static final long STOCK_PER_SKU = 1_000_000;

    private final Path output = SuiteOutput.of("scale-out");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ServiceProcess> instances = new ArrayList<>();
    private final Sku hot = new Sku(UUID.randomUUID(), UUID.randomUUID());
    private final List<Sku> spread = IntStream.range(0, 200)
            .mapToObj(i -> new Sku(UUID.randomUUID(), UUID.randomUUID())).toList();
    private Deployment deployment;
    private ClientTokens tokens;
    /** Units reserved on all SKUs when the current case began, once the read model had settled. */
    private long reservedAtStart;

    @BeforeAll
    void deploy() throws Exception {
        deployment = Deployment.start(Deployment.serviceJar(), output, Map.of("LEDGER_ROUTING", "jgroups"));
        tokens = deployment.tokens();
        instances.add(deployment.service());
        instances.add(deployment.startAnotherInstance("second"));
        instances.add(deployment.startAnotherInstance("third"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (ServiceProcess instance : instances) {
                assertThat(members(instance)).as("members seen by " + instance.baseUrl()).hasSize(3);
            }
        });
        receive(hot);
        for (Sku sku : spread) {
            receive(sku);
        }
        // the read models follow the store asynchronously, and their segments' claims may still be moving between
        // the instances that just joined: the cases read every SKU's stock, so they start once all of it shows
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(this::reservedUnits);
        List<String> everyInstance = instances.stream().map(ServiceProcess::baseUrl).toList();
        try (ClientsPerInstance warmUp = ClientsPerInstance.start(everyInstance, CLIENTS_PER_INSTANCE,
                tokens.orderSystem(), allSkus(), ClientsPerInstance.Checkout.RESERVATION)) {
            Thread.sleep(WARM_UP);
        }
    }

    @AfterAll
    void undeploy() {
        instances.stream().skip(1).forEach(ServiceProcess::close);
        if (deployment != null) {
            deployment.close();
        }
    }

    /**
     * The first instance claims both read-model segments as it starts; with three members each instance's share is
     * one, so it lets one go and another instance takes it: the read models' work is done on two instances.
     */
    @Test
    @Order(0)
    void theReadModelSegmentsAreSpreadOverTheInstances() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertReadModelSegmentsHeldOneEach(instances));
    }

    @Test
    @Order(1)
    void everyInstancesClientsAreServedOnOneHotSku() throws Exception {
        long racesBefore = races();
        ClientsPerInstance run = everyInstanceServedFairly("hot SKU", List.of(hot), ClientsPerInstance.Checkout.RESERVATION);

        // one owner writes the hot SKU: the others do not race it
        long served = instances.stream().mapToLong(instance -> run.served(instance.baseUrl())).sum();
        assertThat(races() - racesBefore).isLessThanOrEqualTo(Math.max(5, served / 100));
    }

    @Test
    @Order(2)
    void everyInstancesClientsAreServedOnManySkus() throws Exception {
        everyInstanceServedFairly("200 SKUs", spread, ClientsPerInstance.Checkout.RESERVATION);
    }

    /**
     * Orders of three lines over SKUs that different instances own: each executes, in one transaction, on the
     * instance its order id hashes to, and writes ledgers other instances own (whose cached copies then reload).
     */
    @Test
    @Order(3)
    void ordersOverSkusOfSeveralOwnersAreServedOnEveryInstance() throws Exception {
        everyInstanceServedFairly("orders", spread, ClientsPerInstance.Checkout.ORDER);
    }

    @Test
    @Order(4)
    void oneInstanceKilledMidLoadItsSkusMoveAndTheOthersKeepServing() throws Exception {
        ServiceProcess killed = instances.get(2);
        List<Sku> skus = new ArrayList<>(spread);
        skus.add(hot);
        ClientsPerInstance run = runFor(skus, RUN, clients -> {
            clients.stopClientsOf(killed.baseUrl());
            killed.kill();
        }, ClientsPerInstance.Checkout.RESERVATION);
        List<ServiceProcess> survivors = instances.subList(0, 2);

        for (ServiceProcess survivor : survivors) {
            Map<String, Long> answers = run.answersOf(survivor.baseUrl());
            assertThat(answers.getOrDefault("200", 0L)).as("served by " + survivor.baseUrl()).isPositive();
            // a command caught in the move is answered 503 (its owner left: retry with the same key), never 500
            assertThat(answers.keySet()).as("answers of " + survivor.baseUrl()).isSubsetOf("200", "503");
            assertThat(members(survivor)).hasSize(2);
        }
        assertNothingLostNorOversold(run, 1);
        // a segment the killed instance held is claimed again once its claim times out, and the two share them
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertReadModelSegmentsHeldOneEach(survivors));
    }

    /** Both read-model segments claimed, and no instance holding more than one. */
    private void assertReadModelSegmentsHeldOneEach(List<ServiceProcess> live) throws Exception {
        List<Integer> held = new ArrayList<>();
        for (ServiceProcess instance : live) {
            held.add(readModelSegmentsClaimed(instance));
        }
        assertThat(held).as("read-model segments claimed by each instance").allMatch(claimed -> claimed <= 1);
        assertThat(held.stream().mapToInt(Integer::intValue).sum()).as("segments claimed in all").isEqualTo(2);
    }

    /** The read-model segments the instance is processing, from its health endpoint. */
    private int readModelSegmentsClaimed(ServiceProcess instance) throws IOException, InterruptedException {
        return health(instance).path("eventProcessors").path("details").path("read-models").path("segments_claimed")
                .asInt(-1);
    }

    /**
     * Runs the clients for the duration; {@code midway}, if given, is done halfway through. Prints the figures.
     */
    private ClientsPerInstance runFor(List<Sku> skus, Duration duration, Consumer<ClientsPerInstance> midway,
                                      ClientsPerInstance.Checkout checkout) throws Exception {
        List<String> targets = instances.stream().filter(ServiceProcess::isAlive).map(ServiceProcess::baseUrl).toList();
        reservedAtStart = settledReservedUnits();
        List<ForwardedCommands> forwardedBefore = new ArrayList<>();
        for (ServiceProcess instance : instances) {
            forwardedBefore.add(instance.isAlive() ? ForwardedCommands.of(http, instance) : ForwardedCommands.NONE);
        }
        ClientsPerInstance run = ClientsPerInstance.start(targets, CLIENTS_PER_INSTANCE, tokens.orderSystem(), skus,
                checkout);
        try {
            Thread.sleep(duration.dividedBy(2));
            if (midway != null) {
                midway.accept(run);
            }
            Thread.sleep(duration.dividedBy(2));
        } finally {
            run.close();
        }
        for (int i = 0; i < instances.size(); i++) {
            ServiceProcess instance = instances.get(i);
            String target = instance.baseUrl();
            if (!targets.contains(target)) {
                continue;
            }
            // an instance killed midway cannot say what it forwarded
            String forwarded = instance.isAlive()
                    ? ForwardedCommands.of(http, instance).since(forwardedBefore.get(i)).describe(run.served(target))
                    : "unknown";
            System.out.printf(Locale.ROOT, "scale-out %s, %d SKU(s), %s: %.0f/s, p50 %.1f ms, p99 %.1f ms, "
                            + "answers %s, forwarded %s%n", checkout.path(), skus.size(), target,
                    run.served(target) / (double) duration.toSeconds(), run.latencyMillis(target, 0.5),
                    run.latencyMillis(target, 0.99), run.answersOf(target), forwarded);
        }
        return run;
    }

    /**
     * Runs the checkouts on every instance and asserts what every case without a fault must show: each instance's
     * clients served at a like rate with nothing but 200s, nothing lost and nothing oversold.
     */
    private ClientsPerInstance everyInstanceServedFairly(String what, List<Sku> skus,
                                                         ClientsPerInstance.Checkout checkout) throws Exception {
        ClientsPerInstance run = runFor(skus, RUN, null, checkout);
        assertEveryInstanceServedFairly(run, what);
        assertNothingLostNorOversold(run, checkout.unitsEach());
        return run;
    }

    private void assertEveryInstanceServedFairly(ClientsPerInstance run, String what) {
        long most = 0;
        for (ServiceProcess instance : instances) {
            Map<String, Long> answers = run.answersOf(instance.baseUrl());
            assertThat(answers.keySet()).as(what + ": answers of " + instance.baseUrl()).containsOnly("200");
            most = Math.max(most, run.served(instance.baseUrl()));
        }
        for (ServiceProcess instance : instances) {
            assertThat(run.served(instance.baseUrl()))
                    .as(what + ": served by " + instance.baseUrl() + " against the best instance's " + most)
                    .isGreaterThanOrEqualTo(most / 2);
        }
    }

    /**
     * Every acknowledged checkout of the case is on the ledgers (the units reserved since the case began are at least
     * those acknowledged, and at most those plus the unclear answers' units), and nothing is oversold.
     */
    private void assertNothingLostNorOversold(ClientsPerInstance run, int unitsEach) {
        long acknowledged = (long) unitsEach * run.acknowledged().size();
        long unclear = unitsEach * instances.stream().mapToLong(instance -> run.answersOf(instance.baseUrl())
                .entrySet().stream()
                .filter(answer -> !answer.getKey().equals("200") && !answer.getKey().equals("409"))
                .mapToLong(Map.Entry::getValue).sum()).sum();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(reservedUnits() - reservedAtStart).isBetween(acknowledged, acknowledged + unclear));
        ServiceProcess reader = instances.get(0);
        List<String> sample = run.acknowledged().stream().filter(id -> !id.isEmpty()).limit(50).toList();
        for (String reservation : sample) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(get(reader, "/v1/reservations/" + reservation).path("status").asText())
                            .isEqualTo("PENDING"));
        }
    }

    /** Units reserved on all the SKUs, as the read model says now; asserts that none is oversold. */
    private long reservedUnits() throws IOException, InterruptedException {
        long reserved = 0;
        for (Sku sku : allSkus()) {
            var stock = get(instances.get(0), "/v1/stock/" + sku.productId() + "/" + sku.warehouseId());
            assertThat(stock.path("available").asLong()).isNotNegative();
            reserved += stock.path("reserved").asLong();
        }
        return reserved;
    }

    /** The units reserved once the read model has stopped moving (a case that failed may have left it behind). */
    private long settledReservedUnits() throws IOException, InterruptedException {
        long previous = -1;
        for (int reading = 0; reading < 60; reading++) {
            long now = reservedUnits();
            if (now == previous) {
                return now;
            }
            previous = now;
            Thread.sleep(1000);
        }
        throw new AssertionError("the read model did not settle within a minute");
    }

    private List<Sku> allSkus() {
        List<Sku> all = new ArrayList<>(spread);
        all.add(hot);
        return all;
    }

    private void receive(Sku sku) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(instances.get(0).baseUrl() + "/v1/receive"))
                .header("Authorization", "Bearer " + tokens.warehouse())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":\"" + sku.productId()
                        + "\",\"warehouse_id\":\"" + sku.warehouseId() + "\",\"quantity\":" + STOCK_PER_SKU
                        + ",\"idempotency_key\":\"scale-out-receive-" + UUID.randomUUID() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private com.fasterxml.jackson.databind.JsonNode get(ServiceProcess instance, String path)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer " + tokens.auditor()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return ClientsPerInstance.json(response.body());
    }

    private List<String> members(ServiceProcess instance) throws IOException, InterruptedException {
        List<String> members = new ArrayList<>();
        health(instance).path("ledgerCluster").path("details").path("members")
                .forEach(member -> members.add(member.asText()));
        return members;
    }

    /** The components of the instance's health endpoint. */
    private JsonNode health(ServiceProcess instance) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(instance.managementUrl() + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        return ClientsPerInstance.json(response.body()).path("components");
    }

    /** Append races lost on all live instances since they started ({@code inventory_race_conditions_total}). */
    private long races() throws IOException, InterruptedException {
        long races = 0;
        for (ServiceProcess instance : instances) {
            if (!instance.isAlive()) {
                continue;
            }
            races += (long) PrometheusScrape.of(http, instance).sum("inventory_race_conditions_total");
        }
        return races;
    }
}
