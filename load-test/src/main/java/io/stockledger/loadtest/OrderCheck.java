package io.stockledger.loadtest;

import io.stockledger.loadtest.LedgerReplay.OrderLineReservation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders all or nothing, from the event store: the reservations the ledgers hold for each order (their request events
 * name the order and the line) against what the order's client was told. A granted order holds every line's whole
 * quantity; a refused order holds nothing on any ledger; an order without a clear answer holds all of it or nothing;
 * and no ledger holds a reservation for an order no client placed. Pure: no I/O. The balances are the per-SKU
 * check's part: every reservation there (an order's line or a single one) is one a client was granted.
 */
final class OrderCheck {

    /** The verdict: the orders by answer, and what disagrees. */
    record Result(long granted, long refused, long unclear, long unclearButReserved, List<String> failures) {
    }

    private OrderCheck() {
    }

    static Result compare(Collection<OrderObservation> orders, Collection<OrderLineReservation> ledger) {
        Map<String, Map<String, Integer>> heldByOrder = new HashMap<>();
        for (OrderLineReservation reservation : ledger) {
            heldByOrder.computeIfAbsent(reservation.orderId(), id -> new TreeMap<>())
                    .merge(reservation.lineId(), reservation.quantity(), Integer::sum);
        }
        List<String> failures = new ArrayList<>();
        long granted = 0;
        long refused = 0;
        long unclear = 0;
        long unclearButReserved = 0;
        for (OrderObservation order : orders) {
            Map<String, Integer> held = heldByOrder.remove(order.orderId());
            Map<String, Integer> asked = new TreeMap<>();
            order.lines().forEach(line -> asked.put(line.lineId(), line.quantity()));
            switch (order.answer()) {
                case GRANTED -> {
                    granted++;
                    if (!asked.equals(held)) {
                        failures.add("order " + order.orderId() + " was granted (200) for lines " + asked
                                + "; the ledgers hold " + (held == null ? "nothing" : held));
                    }
                }
                case REFUSED -> {
                    refused++;
                    if (held != null) {
                        failures.add("PARTIAL ORDER: order " + order.orderId() + " was refused (409); the ledgers hold "
                                + "its lines " + held);
                    }
                }
                case UNCLEAR -> {
                    unclear++;
                    if (held != null) {
                        unclearButReserved++;
                        if (!asked.equals(held)) {
                            failures.add("PARTIAL ORDER: order " + order.orderId() + " (no clear answer) asked for "
                                    + asked + "; the ledgers hold " + held);
                        }
                    }
                }
            }
        }
        heldByOrder.forEach((orderId, held) -> failures.add("the ledgers hold reservations " + held + " of order "
                + orderId + ", which no client placed"));
        return new Result(granted, refused, unclear, unclearButReserved, failures);
    }
}
