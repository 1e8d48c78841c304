package io.stockledger.api.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.CommitFaults;
import io.stockledger.api.support.CommitFaultsConfiguration;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
@Import(CommitFaultsConfiguration.class)
@TestPropertySource(properties = "ledger.command.timeout=3s")
class DeadlineTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private CommitFaults faults;

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

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
            return client.postRaw("/v1/reserve", JSON.writeValueAsString(
                    LedgerClient.reserveBody(product, warehouse, 1, key, 300)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> reservationsStoredFor(String key) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reservation_id' FROM domain_event_entry
                 WHERE payload_type LIKE '%ReservationRequested'
                   AND convert_from(payload, 'UTF8')::jsonb ->> 'idempotency_key' = ?""", String.class, key);
    }
}
