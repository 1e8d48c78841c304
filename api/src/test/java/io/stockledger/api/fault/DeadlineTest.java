package io.stockledger.api.fault;

import io.stockledger.api.support.CommitFaults;
import io.stockledger.api.support.LedgerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request's deadline ({@code LEDGER_COMMAND_TIMEOUT}, three seconds here) bounds its wait wherever its command
 * is. A reservation held at its commit ({@link CommitFaults}) is being written when its deadline passes: 503
 * {@code OUTCOME_UNKNOWN}. A second one on the same SKU waits behind it in the ledger's lane: 503
 * {@code LEDGER_UNAVAILABLE}, reason {@code DEADLINE_EXCEEDED}, and it is never written, not even once the first
 * write is over. Retried with their keys, the first answers its committed reservation and the second reserves.
 */
@TestPropertySource(properties = "ledger.command.timeout=3s")
class DeadlineTest extends CommitFaultIntegrationTest {

    @AfterEach
    void letGo() {
        faults.release();
    }

    @Test
    void aCommandWhoseDeadlinePassedWhileQueuedIsAnswered503AndNeverWritten() throws Exception {
        assertThat(client.receive(product, warehouse, 100).status()).isEqualTo(200);
        String writtenKey = LedgerClient.key();
        String queuedKey = LedgerClient.key();

        faults.arm(CommitFaults.Fault.HOLD);
        CompletableFuture<LedgerClient.Response> written = CompletableFuture.supplyAsync(() -> reserve(writtenKey));
        await().atMost(Duration.ofMinutes(1)).until(() -> faults.held() == 1);
        LedgerClient.Response queued = reserve(queuedKey);

        assertThat(queued.status()).as(queued.raw()).isEqualTo(503);
        assertThat(queued.text("code")).isEqualTo("LEDGER_UNAVAILABLE");
        assertThat(queued.text("reason")).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(queued.header("Retry-After")).isEqualTo("1");
        LedgerClient.Response beingWritten = written.get();
        assertThat(beingWritten.status()).as(beingWritten.raw()).isEqualTo(503);
        assertThat(beingWritten.text("code")).isEqualTo("OUTCOME_UNKNOWN");

        faults.release();
        await().atMost(Duration.ofMinutes(1)).until(() -> reservationsStoredFor(writtenKey).size() == 1);
        await().atMost(Duration.ofMinutes(1)).until(() -> faults.held() == 0);
        assertThat(reservationsStoredFor(queuedKey)).as("dropped before its transaction").isEmpty();

        LedgerClient.Response writtenAgain = reserve(writtenKey);
        assertThat(writtenAgain.status()).as(writtenAgain.raw()).isEqualTo(200);
        assertThat(writtenAgain.text("reservation_id")).isEqualTo(reservationsStoredFor(writtenKey).getFirst());
        LedgerClient.Response queuedAgain = reserve(queuedKey);
        assertThat(queuedAgain.status()).as(queuedAgain.raw()).isEqualTo(200);
        assertThat(reservationsStoredFor(queuedKey)).containsExactly(queuedAgain.text("reservation_id"));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(client.stock(product, warehouse).number("reserved")).isEqualTo(2));
    }

    private LedgerClient.Response reserve(String key) {
        try {
            return client.postRaw("/v1/reserve", reserveBody(1, key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
