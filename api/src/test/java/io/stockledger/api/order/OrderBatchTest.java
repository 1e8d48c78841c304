package io.stockledger.api.order;

import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmOrder;
import io.stockledger.command.api.OrderLineRequest;
import io.stockledger.command.api.OrderNotFoundException;
import io.stockledger.command.api.OrderOutcome;
import io.stockledger.command.api.OrderShortageException;
import io.stockledger.command.api.ReleaseOrder;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.ReserveOrder;
import io.stockledger.command.api.SourcingRule;
import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.OrderBatch;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders decided together in one unit of work ({@link OrderBatch}, what the dispatcher sends when orders queued while
 * the order slots were busy), on the real ledgers and PostgreSQL: each order is decided as it would be alone, on the
 * stock the orders before it left, and gets its own answer and its own trace on its events; an order refused before
 * applying anything stops no other; one refused after applying part of itself fails the whole batch, which writes
 * nothing.
 */
class OrderBatchTest extends ServiceIntegrationTest {

    private final UUID warehouse = UUID.randomUUID();

    @Autowired
    private CommandBus commandBus;

    @Test
    void ordersOnOneSkuAreDecidedInArrivalOrderEachWithItsOwnAnswerAndTrace() throws Exception {
        UUID product = stocked(5);
        ReserveOrder first = order(product, 3);
        ReserveOrder tooMany = order(product, 3);
        ReserveOrder last = order(product, 2);

        List<BatchMemberOutcome> outcomes = decided(member(first, "trace-first"), member(tooMany, "trace-too-many"),
                member(last, "trace-last"));

        assertThat(outcomes).hasSize(3);
        assertThat(reservedUnits(outcomes.get(0))).isEqualTo(3);
        assertThat(outcomes.get(1).refusal()).as("2 units were left after the first order")
                .isInstanceOf(OrderShortageException.class);
        assertThat(reservedUnits(outcomes.get(2))).isEqualTo(2);
        assertThat(tracesOfEventsOf(first.orderId())).containsOnly("trace-first").isNotEmpty();
        assertThat(tracesOfEventsOf(tooMany.orderId())).as("a refused order writes nothing").isEmpty();
        assertThat(tracesOfEventsOf(last.orderId())).containsOnly("trace-last").isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(product, warehouse).number("reserved") == 5);
        assertThat(client.stock(product, warehouse).number("available")).isZero();
        assertThat(client.get("/v1/orders/" + last.orderId()).status()).isEqualTo(200);
    }

    @Test
    void anOrderReservedEarlierInTheBatchCanBeConfirmedLaterInIt() throws Exception {
        UUID product = stocked(4);
        ReserveOrder order = order(product, 4);

        List<BatchMemberOutcome> outcomes = decided(member(order, "trace-reserve"),
                member(new ConfirmOrder(order.orderId()), "trace-confirm"));

        assertThat(((OrderOutcome) outcomes.get(1).result()).status()).isEqualTo(ReservationStatus.CONFIRMED);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(product, warehouse).number("on_hand") == 0);
    }

    @Test
    void ordersReservedBeforeAreConfirmedAndReleasedTogetherAndAnUnknownOneIsRefusedAlone() throws Exception {
        UUID product = stocked(6);
        ReserveOrder toConfirm = order(product, 2);
        ReserveOrder toRelease = order(product, 3);
        decided(member(toConfirm, "trace-a"), member(toRelease, "trace-b"));

        List<BatchMemberOutcome> outcomes = decided(member(new ConfirmOrder(toConfirm.orderId()), "trace-confirm"),
                member(new ConfirmOrder("never-reserved-" + UUID.randomUUID()), "trace-unknown"),
                member(new ReleaseOrder(toRelease.orderId(), null), "trace-release"));

        assertThat(((OrderOutcome) outcomes.get(0).result()).status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(outcomes.get(1).refusal()).isInstanceOf(OrderNotFoundException.class);
        assertThat(((OrderOutcome) outcomes.get(2).result()).status()).isEqualTo(ReservationStatus.RELEASED);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(product, warehouse).number("on_hand") == 4
                && client.stock(product, warehouse).number("reserved") == 0);
    }

    @Test
    void anOrderRefusedAfterApplyingPartOfItselfFailsTheBatchAndNothingOfItIsWritten() throws Exception {
        UUID product = stocked(10);
        ReserveOrder fine = order(product, 2);
        // its key was used by another request before: the order is refused only when it records itself, after its
        // lines were applied, which cannot be undone for it alone
        ReserveOrder reusedKey = new ReserveOrder("batch-" + UUID.randomUUID(), fine.idempotencyKey() + "-used",
                Duration.ofMinutes(10), SourcingRule.DEFAULT, List.of(warehouse),
                List.of(new OrderLineRequest("l1", product, 1, null, null, null)));
        assertThat(client.reserve(product, warehouse, 1, reusedKey.idempotencyKey()).status()).isEqualTo(200);

        CommandResultMessage<?> result = dispatch(member(fine, "trace-fine"), member(reusedKey, "trace-reused"));

        assertThat(result.isExceptional()).isTrue();
        assertThat(tracesOfEventsOf(fine.orderId())).as("the whole batch rolled back").isEmpty();
        assertThat(tracesOfEventsOf(reusedKey.orderId())).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_order WHERE order_id IN (?, ?)", Long.class,
                fine.orderId(), reusedKey.orderId())).isZero();
    }

    private UUID stocked(int units) {
        UUID product = UUID.randomUUID();
        assertThat(client.receive(product, warehouse, units).status()).isEqualTo(200);
        return product;
    }

    private ReserveOrder order(UUID product, int quantity) {
        return new ReserveOrder("batch-" + UUID.randomUUID(), "batch-key-" + UUID.randomUUID(), Duration.ofMinutes(10),
                SourcingRule.DEFAULT, List.of(warehouse),
                List.of(new OrderLineRequest("l1", product, quantity, null, null, null)));
    }

    private static CommandMessage<?> member(Object order, String traceId) {
        return GenericCommandMessage.asCommandMessage(order)
                .andMetaData(new CommandOrigin("order-batch-test", traceId).toMetaData());
    }

    @SuppressWarnings("unchecked")
    private List<BatchMemberOutcome> decided(CommandMessage<?>... members) throws Exception {
        CommandResultMessage<?> result = dispatch(members);
        assertThat(result.isExceptional()).as(String.valueOf(result.optionalExceptionResult().orElse(null))).isFalse();
        return (List<BatchMemberOutcome>) result.getPayload();
    }

    private CommandResultMessage<?> dispatch(CommandMessage<?>... members) throws Exception {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(new OrderBatch(List.of(members))),
                (command, result) -> answer.complete(result));
        return answer.get(30, TimeUnit.SECONDS);
    }

    private static int reservedUnits(BatchMemberOutcome outcome) {
        assertThat(outcome.isRefusal()).as(String.valueOf(outcome.refusal())).isFalse();
        return ((OrderOutcome) outcome.result()).lines().stream()
                .flatMap(line -> line.allocations().stream()).mapToInt(OrderOutcome.Allocation::quantity).sum();
    }

    /** The trace id on each event the order caused. */
    private List<String> tracesOfEventsOf(String orderId) {
        return jdbc.queryForList("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'trace_id' FROM domain_event_entry
                 WHERE convert_from(payload, 'UTF8')::jsonb ->> 'order_id' = ?""", String.class, orderId);
    }
}
