package io.stockledger.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The oversell check's verdict over every SKU of a run: totals, and each failure found. */
public final class OversellReport {

    private static final int FAILURES_SHOWN = 25;

    private final List<String> failures = new ArrayList<>();
    private long skus;
    private long events;
    private long received;
    private long granted;
    private long confirmed;
    private long released;
    private long expired;
    private long pending;
    private long clientGranted;
    private long clientRefused;
    private long clientUnanswered;
    private OrderCheck.Result orders = new OrderCheck.Result(0, 0, 0, 0, List.of());

    synchronized void add(SkuObservations client, LedgerReplay ledger, List<String> skuFailures) {
        skus++;
        events += ledger.events();
        received += ledger.received();
        granted += ledger.reservations().size();
        confirmed += ledger.count(LedgerReplay.Status.CONFIRMED);
        released += ledger.count(LedgerReplay.Status.RELEASED);
        expired += ledger.count(LedgerReplay.Status.EXPIRED);
        pending += ledger.count(LedgerReplay.Status.PENDING);
        clientGranted += client.reservations().size();
        clientRefused += client.refusedReserves();
        clientUnanswered += client.unansweredReserves() + client.unansweredConfirms() + client.unansweredReleases()
                + client.unansweredReceives();
        skuFailures.forEach(failure -> failures.add("SKU " + client.productId() + ": " + failure));
    }

    synchronized void addOrders(OrderCheck.Result result) {
        orders = result;
        failures.addAll(result.failures());
    }

    synchronized void failed(SkuObservations client, String failure) {
        failures.add("SKU " + client.productId() + ": " + failure);
    }

    public synchronized boolean passed() {
        return failures.isEmpty() && skus > 0;
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    public synchronized long skus() {
        return skus;
    }

    public synchronized long granted() {
        return granted;
    }

    public synchronized OrderCheck.Result orders() {
        return orders;
    }

    public synchronized String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                        oversell check: %s
                          %,d SKUs, %,d events, %,d units received
                          reservations in the ledger: %,d (confirmed %,d, released %,d, expired %,d, pending %,d)
                          clients saw: %,d reservations granted, %,d refused with 409, %,d requests without a clear answer
                          orders: %,d granted and held whole, %,d refused and holding nothing, %,d without a clear answer (%,d of them held whole)""",
                passed() ? "PASSED" : skus == 0 ? "FAILED (no SKU checked)" : "FAILED (" + failures.size()
                        + " findings)",
                skus, events, received, granted, confirmed, released, expired, pending,
                clientGranted, clientRefused, clientUnanswered, orders.granted(), orders.refused(), orders.unclear(),
                orders.unclearButReserved()));
        failures.stream().limit(FAILURES_SHOWN).forEach(failure -> text.append("\n  - ").append(failure));
        if (failures.size() > FAILURES_SHOWN) {
            text.append("\n  ... and ").append(failures.size() - FAILURES_SHOWN).append(" more");
        }
        return text.toString();
    }
}
