package io.stockledger.loadtest;

import io.stockledger.loadtest.LedgerReplay.OrderLineReservation;
import io.stockledger.loadtest.OrderObservation.Allocation;
import io.stockledger.loadtest.OrderObservation.Line;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The order check's rules on hand-written orders and ledgers: all or nothing, nothing no client placed. */
class OrderCheckTest {

    private final List<OrderLineReservation> ledger = new ArrayList<>();

    private static OrderObservation order(String id, Line... lines) {
        return new OrderObservation(id, List.of(lines));
    }

    private static Line line(String lineId, int quantity) {
        return new Line(lineId, 0, quantity);
    }

    /** The ledgers hold this line of this order (a reservation request naming them). */
    private UUID held(String orderId, String lineId, int quantity) {
        UUID reservation = UUID.randomUUID();
        ledger.add(new OrderLineReservation(orderId, lineId, reservation, quantity));
        return reservation;
    }

    private static OrderObservation granted(OrderObservation order, List<Allocation> allocations) {
        order.granted(allocations);
        return order;
    }

    @Test
    void ordersHeldWholeOrNotAtAllAsTheirClientsWereToldPass() {
        OrderObservation twoLines = order("a", line("1", 2), line("2", 3));
        granted(twoLines, List.of(new Allocation("1", held("a", "1", 2), 2), new Allocation("2", held("a", "2", 3), 3)));
        OrderObservation sameProductTwice = order("b", line("1", 1), line("2", 1));
        granted(sameProductTwice, List.of(new Allocation("1", held("b", "1", 1), 1),
                new Allocation("2", held("b", "2", 1), 1)));
        OrderObservation refused = order("c", line("1", 5));
        refused.refused();
        OrderObservation unclearAndHeld = order("d", line("1", 1), line("2", 2));
        unclearAndHeld.unclear();
        held("d", "1", 1);
        held("d", "2", 2);
        OrderObservation unclearAndNotHeld = order("e", line("1", 1));
        unclearAndNotHeld.unclear();

        OrderCheck.Result result = OrderCheck.compare(
                List.of(twoLines, sameProductTwice, refused, unclearAndHeld, unclearAndNotHeld), ledger);

        assertThat(result.failures()).isEmpty();
        assertThat(result.granted()).isEqualTo(2);
        assertThat(result.refused()).isEqualTo(1);
        assertThat(result.unclear()).isEqualTo(2);
        assertThat(result.unclearButReserved()).isEqualTo(1);
    }

    @Test
    void aRefusedOrderWithALineHeldIsAPartialOrder() {
        OrderObservation refused = order("a", line("1", 1), line("2", 1));
        refused.refused();
        held("a", "2", 1);

        List<String> failures = OrderCheck.compare(List.of(refused), ledger).failures();

        assertThat(failures).singleElement().asString().contains("PARTIAL ORDER", "order a", "refused");
    }

    @Test
    void aGrantedOrderMissingALineOrShortOfUnitsFails() {
        OrderObservation missingLine = order("a", line("1", 1), line("2", 1));
        missingLine.granted(List.of());
        held("a", "1", 1);
        OrderObservation short1 = order("b", line("1", 3));
        short1.granted(List.of());
        held("b", "1", 2);

        List<String> failures = OrderCheck.compare(List.of(missingLine, short1), ledger).failures();

        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).contains("order a", "granted");
        assertThat(failures.get(1)).contains("order b", "{1=3}", "{1=2}");
    }

    @Test
    void anUnclearOrderHeldInPartIsAPartialOrderAndAnOrderNoClientPlacedIsReported() {
        OrderObservation unclear = order("a", line("1", 1), line("2", 1));
        held("a", "1", 1);
        held("ghost", "1", 4);

        List<String> failures = OrderCheck.compare(List.of(unclear), ledger).failures();

        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).contains("PARTIAL ORDER", "order a");
        assertThat(failures.get(1)).contains("ghost", "no client placed");
    }
}
