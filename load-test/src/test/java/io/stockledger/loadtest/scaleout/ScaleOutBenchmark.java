package io.stockledger.loadtest.scaleout;

import io.stockledger.loadtest.ClientTokens;
import io.stockledger.loadtest.scaleout.ClientsPerInstance.Checkout;
import io.stockledger.loadtest.scaleout.ClientsPerInstance.Sku;
import io.stockledger.loadtest.support.Deployment;
import io.stockledger.loadtest.support.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One, two and three instances on this machine, 64 clients spread evenly over them (as a round-robin load balancer
 * would), on one hot SKU and on 2,000 SKUs: the rate each instance's clients get, their answer times, and the
 * forwarded commands' round trip. Two instances without scale-out ({@code LEDGER_ROUTING=local}, racing on the store's
 * unique key) are the baseline scale-out is measured against. Prints one table; run it on a quiet machine:
 *
 * <pre>
 * ./mvnw -q -pl api -am package -DskipTests
 * ./mvnw -pl load-test -am test -Dgroups=benchmark -Dtest.excluded.groups= -Dtest=ScaleOutBenchmark \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dloadtest.service.fullJit=true [-Dbenchmark.seconds=20]
 * </pre>
 */
@Tag("benchmark")
class ScaleOutBenchmark {

    private static final int CLIENTS = 64;
    private static final int SPREAD_SKUS = 2_000;
    private static final Duration CELL = Duration.ofSeconds(Long.getLong("benchmark.seconds", 15));
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> table = new ArrayList<>();

    @Test
    void oneTwoAndThreeInstances() throws Exception {
        table.add("| instances | routing | SKUs | per-instance reservations/s | total/s | p50 / p99 ms (worst "
                + "instance) | forwarded: share, mean round trip |");
        table.add("|---|---|---|---|---|---|---|");
        measure(1, "local");
        measure(2, "local");
        measure(2, "jgroups");
        measure(3, "jgroups");
        table.forEach(System.out::println);
        assertThat(table).hasSize(2 + 4 * 2);
    }

    private void measure(int count, String routing) throws Exception {
        Path output = Path.of("target", "scale-out-benchmark").toAbsolutePath();
        try (Deployment deployment = Deployment.start(Deployment.serviceJar(), output,
                Map.of("LEDGER_ROUTING", routing))) {
            List<ServiceProcess> instances = new ArrayList<>();
            instances.add(deployment.service());
            try {
                for (int i = 1; i < count; i++) {
                    instances.add(deployment.startAnotherInstance("instance-" + (i + 1)));
                }
                ClientTokens tokens = deployment.tokens();
                List<Sku> hot = List.of(new Sku(UUID.randomUUID(), UUID.randomUUID()));
                List<Sku> spread = IntStream.range(0, SPREAD_SKUS)
                        .mapToObj(i -> new Sku(UUID.randomUUID(), UUID.randomUUID())).toList();
                for (Sku sku : hot) {
                    receive(instances.get(0), tokens, sku);
                }
                for (Sku sku : spread) {
                    receive(instances.get(0), tokens, sku);
                }
                cell(instances, routing, tokens, hot, "hot");
                cell(instances, routing, tokens, spread, "2,000");
            } finally {
                instances.stream().skip(1).forEach(ServiceProcess::close);
            }
        }
    }

    private void cell(List<ServiceProcess> instances, String routing, ClientTokens tokens, List<Sku> skus,
                      String name) throws Exception {
        List<String> targets = instances.stream().map(ServiceProcess::baseUrl).toList();
        int perInstance = CLIENTS / instances.size();
        try (ClientsPerInstance warmUp = ClientsPerInstance.start(targets, perInstance, tokens.orderSystem(), skus,
                Checkout.RESERVATION)) {
            Thread.sleep(WARM_UP);
        }
        ForwardedCommands forwardedBefore = ForwardedCommands.of(http, instances);
        ClientsPerInstance run = ClientsPerInstance.start(targets, perInstance, tokens.orderSystem(), skus,
                Checkout.RESERVATION);
        Thread.sleep(CELL);
        run.close();
        ForwardedCommands forwarded = ForwardedCommands.of(http, instances).since(forwardedBefore);
        List<String> rates = new ArrayList<>();
        double total = 0;
        double worstP50 = 0;
        double worstP99 = 0;
        for (String target : targets) {
            double rate = run.served(target) / (double) CELL.toSeconds();
            total += rate;
            rates.add(String.format(Locale.ROOT, "%.0f", rate) + (run.answersOf(target).keySet().equals(
                    java.util.Set.of("200")) ? "" : " " + run.answersOf(target)));
            worstP50 = Math.max(worstP50, run.latencyMillis(target, 0.5));
            worstP99 = Math.max(worstP99, run.latencyMillis(target, 0.99));
        }
        String forwarding = forwarded.describe(total * CELL.toSeconds());
        table.add(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.0f | %.1f / %.1f | %s |", instances.size(),
                routing, name, String.join(" / ", rates), total, worstP50, worstP99, forwarding));
        System.out.println("scale-out benchmark " + table.get(table.size() - 1));
    }

    private void receive(ServiceProcess instance, ClientTokens tokens, Sku sku) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/v1/receive"))
                .header("Authorization", "Bearer " + tokens.warehouse())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":\"" + sku.productId()
                        + "\",\"warehouse_id\":\"" + sku.warehouseId() + "\",\"quantity\":1000000"
                        + ",\"idempotency_key\":\"benchmark-receive-" + UUID.randomUUID() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
