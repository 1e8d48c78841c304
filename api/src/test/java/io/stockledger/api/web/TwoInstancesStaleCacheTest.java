package io.stockledger.api.web;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.StockedSku;
import io.stockledger.api.support.TwoInstanceIntegrationTest;
import io.stockledger.command.api.OrderLineRequest;
import io.stockledger.command.api.ReserveOrder;
import io.stockledger.command.api.SourcingRule;
import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.OrderBatch;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database, each caching its own copy of a ledger: a refusal appends nothing, so no conflicting
 * append tells an instance its copy is behind; the refusal's version is compared with the store's before it is
 * answered, and a refusal decided on a stale copy is decided once more on a fresh load.
 */
class TwoInstancesStaleCacheTest extends TwoInstanceIntegrationTest {

    @Test
    void aReservationJustMadeOnOneInstanceIsConfirmedThroughTheOther() {
        // B caches the ledger as it is before A's reservation
        StockedSku sku = instanceB().stockNewSku(10);

        Response reserved = instanceA().reserve(sku, 3);
        assertThat(reserved.status()).isEqualTo(200);

        Response confirmed = instanceB().confirm(reserved.text("reservation_id"));
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void unitsReleasedOnOneInstanceCanBeReservedThroughTheOther() {
        StockedSku sku = releasedBehindTheBackOfB(5);

        Response reservedOnB = instanceB().reserve(sku, 5);
        assertThat(reservedOnB.status()).as(reservedOnB.raw()).isEqualTo(200);
        assertThat(reservedOnB.text("status")).isEqualTo("PENDING");
    }

    /** An order reads its ledgers in one unit of work of its own: its refusal is checked against the store too. */
    @Test
    void anOrderForUnitsReleasedOnOneInstanceIsReservedThroughTheOther() {
        StockedSku sku = releasedBehindTheBackOfB(5);

        Response order = instanceB().post("/v1/orders/reserve", Map.of(
                "order_id", "stale-" + UUID.randomUUID(),
                "idempotency_key", LedgerClient.key(),
                "ttl_seconds", 600,
                "warehouse_ids", List.of(sku.warehouse().toString()),
                "lines", List.of(Map.of("line_id", "1", "product_id", sku.product().toString(), "quantity", 5))));

        assertThat(order.status()).as(order.raw()).isEqualTo(200);
        assertThat(order.text("status")).isEqualTo("PENDING");
    }

    /**
     * Orders decided together on B ({@link OrderBatch}, as when they queued for the order slots): the one refused on
     * B's stale copy turns the whole batch into a lost race, and the retry decides both on fresh loads.
     */
    @Test
    void ordersDecidedTogetherOnAStaleCopyAreDecidedAgainOnAFreshLoad() throws Exception {
        StockedSku stale = releasedBehindTheBackOfB(5);
        StockedSku fresh = instanceB().stockNewSku(2);
        ReserveOrder onStale = order(stale, 5);
        ReserveOrder onFresh = order(fresh, 2);

        CommandResultMessage<?> answer = sendOnB(new OrderBatch(List.of(
                GenericCommandMessage.asCommandMessage(onStale), GenericCommandMessage.asCommandMessage(onFresh))));

        assertThat(answer.isExceptional()).as(String.valueOf(answer.optionalExceptionResult().orElse(null))).isFalse();
        List<?> outcomes = (List<?>) answer.getPayload();
        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertThat(((BatchMemberOutcome) outcome).isRefusal())
                .as("decided on fresh loads, both fit: %s", outcome).isFalse());
    }

    private static ReserveOrder order(StockedSku sku, int quantity) {
        return new ReserveOrder("stale-batch-" + UUID.randomUUID(), LedgerClient.key(), Duration.ofMinutes(10),
                SourcingRule.DEFAULT, List.of(sku.warehouse()),
                List.of(new OrderLineRequest("1", sku.product(), quantity, null, null, null)));
    }

    /** Through B's gateway, which retries a lost race, as the service's callers are. */
    private CommandResultMessage<?> sendOnB(Object command) throws Exception {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        secondInstance.context().getBean(CommandGateway.class).send(command,
                (sent, result) -> answer.complete(result));
        return answer.get(30, TimeUnit.SECONDS);
    }

    /**
     * Leaves B's cached copy of a new ledger behind the store: B has seen every unit reserved through A (its own
     * reservation conflicted, was decided again on a fresh load and refused), and A has released them since.
     */
    private StockedSku releasedBehindTheBackOfB(int units) {
        StockedSku sku = instanceB().stockNewSku(units);
        Response taken = instanceA().reserve(sku, units);
        assertThat(taken.status()).isEqualTo(200);
        assertThat(instanceB().reserve(sku, 1).status())
                .as("every unit is reserved, and B's copy says so").isEqualTo(409);
        assertThat(instanceA().release(taken.text("reservation_id")).status()).isEqualTo(200);
        return sku;
    }

    private LedgerClient instanceA() {
        return client;
    }

    private LedgerClient instanceB() {
        return secondClient;
    }
}
