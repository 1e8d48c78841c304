package io.stockledger.api.fault;

import io.stockledger.api.support.CommitFaults;
import io.stockledger.api.support.CommitFaultsConfiguration;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Beyond its concurrency limit (two here) the service refuses a command at once with 503 {@code LEDGER_UNAVAILABLE},
 * reason {@code OVERLOADED}, and {@code Retry-After}, instead of queuing it until a timeout; the admitted ones are
 * answered as usual, and the limiter's state is in the metrics. The two admitted commands are kept busy by holding
 * their commits ({@link CommitFaults}).
 */
@Import(CommitFaultsConfiguration.class)
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "ledger.concurrency.limit=2")
class OverloadTest extends ServiceIntegrationTest {

    @Autowired
    private CommitFaults faults;

    @AfterEach
    void letGo() {
        faults.release();
    }

    @Test
    void aCommandBeyondTheLimitIsShedAtOnceWithRetryAfterAndTheAdmittedOnesAreAnswered() throws Exception {
        UUID product = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        assertThat(client.receive(product, warehouse, 100).status()).isEqualTo(200);
        assertThat(client.receive(other, warehouse, 100).status()).isEqualTo(200);

        faults.arm(CommitFaults.Fault.HOLD);
        CompletableFuture<LedgerClient.Response> first = CompletableFuture.supplyAsync(
                () -> client.reserve(product, warehouse, 1, LedgerClient.key()));
        CompletableFuture<LedgerClient.Response> second = CompletableFuture.supplyAsync(
                () -> client.reserve(other, warehouse, 1, LedgerClient.key()));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(inFlight())
                .as("in flight; held commits %d; %s", faults.held(), ledgerSeries()).isEqualTo(2.0));

        LedgerClient.Response shed = client.reserve(product, warehouse, 1, LedgerClient.key());
        assertThat(shed.status()).as(shed.raw()).isEqualTo(503);
        assertThat(shed.contentType()).startsWith("application/problem+json");
        assertThat(shed.text("code")).isEqualTo("LEDGER_UNAVAILABLE");
        assertThat(shed.text("reason")).isEqualTo("OVERLOADED");
        assertThat(shed.header("Retry-After")).isEqualTo("1");
        assertThat(first).as("the admitted ones are still at work").isNotDone();
        assertThat(metric("ledger_concurrency_rejected_total")).isEqualTo(1.0);
        assertThat(metric("ledger_concurrency_limit")).isEqualTo(2.0);
        assertThat(metric("ledger_fault_answers_total{code=\"LEDGER_UNAVAILABLE\",reason=\"OVERLOADED\"")).isEqualTo(1.0);

        faults.release();
        assertThat(first.get().status()).as(first.get().raw()).isEqualTo(200);
        assertThat(second.get().status()).as(second.get().raw()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(1)).until(() -> inFlight() == 0);
        assertThat(client.reserve(product, warehouse, 1, LedgerClient.key()).status())
                .as("admitted again once there is room").isEqualTo(200);
    }

    private String ledgerSeries() {
        return management.get("/actuator/prometheus").raw().lines().filter(line -> line.startsWith("ledger_"))
                .toList().toString();
    }

    private double inFlight() {
        return metric("ledger_concurrency_in_flight");
    }

    /** The first sample of a Prometheus series starting with this text. */
    private double metric(String series) {
        LedgerClient.Response response = management.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        String scrape = response.raw();
        return scrape.lines().filter(line -> line.startsWith(series))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }
}
