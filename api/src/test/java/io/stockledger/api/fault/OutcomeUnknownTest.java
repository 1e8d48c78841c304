package io.stockledger.api.fault;

import io.stockledger.api.support.CommitFaults;
import io.stockledger.api.support.LedgerClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection lost while committing: the service cannot know whether the reservation committed, answers 503
 * {@code OUTCOME_UNKNOWN}, and the retry with the same idempotency key answers the committed reservation if it did
 * commit, or reserves anew if it did not; either way exactly one reservation exists. The commit is made to fail
 * deterministically by {@link CommitFaults}: the server terminates the transaction's backend just before the commit
 * (nothing committed), or the answer of a commit that went through is lost.
 */
class OutcomeUnknownTest extends CommitFaultIntegrationTest {

    @BeforeEach
    void stock() {
        faults.release();
        assertThat(client.receive(product, warehouse, 100).status()).isEqualTo(200);
    }

    @Test
    void aCommitWhoseAnswerWasLostIsOutcomeUnknownAndTheRetryAnswersTheCommittedReservation() throws Exception {
        String key = keyOfAReserveLostTo(CommitFaults.Fault.LOSE_ANSWER_AFTER_COMMIT);
        List<String> stored = reservationsStoredFor(key);
        assertThat(stored).as("it did commit").hasSize(1);

        LedgerClient.Response retry = retried(key);
        assertThat(retry.text("reservation_id")).as("the committed reservation").isEqualTo(stored.getFirst());
        assertThat(reservationsStoredFor(key)).as("nothing written again").hasSize(1);
        awaitReserved(10);
    }

    @Test
    void aCommitWhoseConnectionWasTerminatedIsOutcomeUnknownAndTheRetryReservesAnew() throws Exception {
        String key = keyOfAReserveLostTo(CommitFaults.Fault.TERMINATE_BEFORE_COMMIT);
        assertThat(reservationsStoredFor(key)).as("it did not commit").isEmpty();

        LedgerClient.Response retry = retried(key);
        assertThat(reservationsStoredFor(key)).containsExactly(retry.text("reservation_id"));
        // the same request once more: the ledger's memory answers it, nothing new
        assertThat(reserve(key).text("reservation_id")).isEqualTo(retry.text("reservation_id"));
        assertThat(reservationsStoredFor(key)).hasSize(1);
        awaitReserved(10);
    }

    /** A reserve of 10 with the key in the body and as the Idempotency-Key header: a 503 must not be remembered. */
    private LedgerClient.Response reserve(String key) throws Exception {
        return client.postRaw("/v1/reserve", reserveBody(10, key), "Idempotency-Key", key);
    }

    /** Reserves under a new key while the commit meets the fault; the answer must be outcome unknown. */
    private String keyOfAReserveLostTo(CommitFaults.Fault fault) throws Exception {
        String key = LedgerClient.key();
        faults.arm(fault);
        assertOutcomeUnknown(reserve(key));
        return key;
    }

    /** The client's retry with the same key, after the fault has passed: it must be answered. */
    private LedgerClient.Response retried(String key) throws Exception {
        LedgerClient.Response retry = reserve(key);
        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        return retry;
    }

    private static void assertOutcomeUnknown(LedgerClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(response.text("detail")).contains("same idempotency key");
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    private void awaitReserved(long reserved) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            LedgerClient.Response stock = client.stock(product, warehouse);
            assertThat(stock.number("reserved")).as(stock.raw()).isEqualTo(reserved);
            assertThat(stock.number("on_hand")).isEqualTo(100);
        });
    }
}
