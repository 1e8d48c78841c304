package io.stockledger.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Proves a run oversold nothing. For every SKU the run touched:
 * <ol>
 *   <li>the SKU's whole history is read from the event store and replayed ({@link LedgerReplay}): after every
 *       event, reserved ≤ on hand and nothing is negative, sequence numbers have no gap, every confirmation,
 *       release and expiry ends a reservation that was pending;</li>
 *   <li>the service's balances agree with that history: on hand = Σ received + Σ adjusted − Σ confirmed and
 *       reserved = Σ pending reservations, both for the service's own fold ({@code /balance}) and for the read
 *       model clients see ({@code /v1/stock}, which may lag a little: it is given a few seconds);</li>
 *   <li>what clients were told agrees with the ledger: every 200 on a reserve is a reservation of that size in the
 *       event store (so no client got a 200 for stock that was not there), every 200 on a confirm or release is
 *       settled that way, the ledger holds no reservation or confirmation that no client was granted beyond the
 *       requests that got no clear answer, and the units clients were told are confirmed never exceed the units
 *       received;</li>
 *   <li>orders are all or nothing ({@link OrderCheck}): over all SKUs, a granted order's ledgers hold every line's
 *       whole quantity, a refused order's hold nothing, an order without a clear answer all or nothing, and no
 *       ledger holds a reservation of an order no client placed.</li>
 * </ol>
 * It reads only through the public API (an auditor's token), so it runs against any deployment the load test can
 * reach, docker-compose included, without database credentials; and it reads the event store itself, which is the
 * truth the read models are derived from.
 *
 * <p>Run on its own: {@code ./mvnw -q -pl load-test exec:java -Dexec.mainClass=io.stockledger.loadtest.OversellCheck
 * -Dloadtest.jwtSecret=...} (reads {@code target/load-test/observations.json}, or the file given as argument).
 */
public final class OversellCheck {

    /** How long the read model may lag behind the event store: this many tries, half a second apart. */
    private static final int ATTEMPTS = 20;
    private static final int CONCURRENCY = 8;

    private final LedgerReader reader;
    private final UUID warehouse;

    OversellCheck(LedgerReader reader, UUID warehouse) {
        this.reader = reader;
        this.warehouse = warehouse;
    }

    public static void main(String[] args) {
        LoadProfile profile = LoadProfile.fromSystemProperties();
        Path file = args.length > 0 ? Path.of(args[0]) : profile.outputDir().resolve(RunObservations.FILE_NAME);
        RunObservations observations = RunObservations.load(file);
        String baseUrl = System.getProperty("loadtest.baseUrl", observations.baseUrl());
        OversellReport report = run(baseUrl, new ClientTokens(profile).auditor(), observations);
        System.out.println(report.summary());
        if (!report.passed()) {
            System.exit(1);
        }
    }

    public static OversellReport run(String baseUrl, String auditorToken, RunObservations observations) {
        return new OversellCheck(new LedgerReader(baseUrl, auditorToken), observations.warehouseId())
                .check(observations.skus(), observations.orders());
    }

    /** Runs the check and writes its summary next to the run's report ({@code oversell-check.txt}). */
    public static OversellReport runAndSave(LoadProfile profile, RunObservations observations) {
        OversellReport report = run(profile.baseUrl(), new ClientTokens(profile).auditor(), observations);
        try {
            Files.createDirectories(profile.outputDir());
            Files.writeString(profile.outputDir().resolve("oversell-check.txt"), report.summary() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return report;
    }

    OversellReport check(List<SkuObservations> skus, List<OrderObservation> orders) {
        OversellReport report = new OversellReport();
        Queue<LedgerReplay.OrderLineReservation> orderLines = new ConcurrentLinkedQueue<>();
        try {
            BoundedConcurrency.runEach(skus, CONCURRENCY, sku -> {
                try {
                    LedgerReplay ledger = new LedgerReplay();
                    List<String> failures = new ArrayList<>(replayAndCompare(sku, ledger));
                    failures.addAll(ledger.anomalies());
                    failures.addAll(compare(sku, ledger));
                    report.add(sku, ledger, failures);
                    orderLines.addAll(ledger.orderLines());
                } catch (RuntimeException e) {
                    report.failed(sku, "could not be checked: " + e.getMessage());
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("the oversell check was interrupted", e);
        }
        report.addOrders(OrderCheck.compare(orders, orderLines));
        return report;
    }

    /**
     * Replays the SKU's events and compares the service's balances with them until they agree or time is up.
     * Events appended meanwhile (a sweeper expiring a reservation) are replayed too before comparing again.
     * Returns the mismatches left when time is up, none when they agreed.
     */
    private List<String> replayAndCompare(SkuObservations sku, LedgerReplay ledger) throws InterruptedException {
        UUID product = sku.productId();
        readNewEvents(ledger, product);
        List<String> mismatches = List.of("events kept arriving: the balances were never compared at rest");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            JsonNode folded = reader.balance(product, warehouse);
            JsonNode readModel = reader.stock(product, warehouse);
            if (readNewEvents(ledger, product) > 0) {
                continue;
            }
            mismatches = balanceMismatches(ledger, folded, readModel);
            if (mismatches.isEmpty()) {
                return mismatches;
            }
            Thread.sleep(500);
            readNewEvents(ledger, product);
        }
        return mismatches;
    }

    /** Reads the events after the last one replayed; returns how many there were. */
    private long readNewEvents(LedgerReplay ledger, UUID product) {
        long before = ledger.events();
        long from = ledger.lastSequence() + 1;
        while (true) {
            JsonNode page = reader.events(product, warehouse, from, LedgerReader.PAGE);
            ledger.applyAll(page.path("events"));
            JsonNode next = page.path("next_from_sequence");
            if (next.isNull() || next.isMissingNode()) {
                return ledger.events() - before;
            }
            from = next.asLong();
        }
    }

    static List<String> balanceMismatches(LedgerReplay ledger, JsonNode folded, JsonNode readModel) {
        List<String> mismatches = new ArrayList<>();
        long onHand = ledger.expectedOnHand();
        long reserved = ledger.expectedReserved();
        if (folded.path("sequence_number").asLong(-1) != ledger.lastSequence()
                || folded.path("on_hand").asLong() != onHand || folded.path("reserved").asLong() != reserved) {
            mismatches.add("the service's fold (/balance) says on hand " + folded.path("on_hand") + ", reserved "
                    + folded.path("reserved") + " at sequence " + folded.path("sequence_number")
                    + "; the events say on hand " + onHand + ", reserved " + reserved + " at " + ledger.lastSequence());
        }
        if (readModel.path("on_hand").asLong() != onHand || readModel.path("reserved").asLong() != reserved) {
            mismatches.add("the read model (/v1/stock) says on hand " + readModel.path("on_hand") + ", reserved "
                    + readModel.path("reserved") + "; the events say on hand " + onHand + ", reserved " + reserved);
        }
        return mismatches;
    }

    /** What clients were told against what the ledger recorded. Pure: no I/O. */
    static List<String> compare(SkuObservations client, LedgerReplay ledger) {
        List<String> failures = new ArrayList<>();
        if (client.received() > ledger.received()
                || client.unansweredReceives() == 0 && client.received() != ledger.received()) {
            failures.add("clients were told " + client.received() + " units arrived; the ledger received "
                    + ledger.received());
        }
        client.reservations().forEach((id, quantity) -> {
            LedgerReplay.Reservation reservation = ledger.reservations().get(id);
            if (reservation == null) {
                failures.add("a client got a 200 for reservation " + id + " (" + quantity
                        + " units) that is not in the event store");
            } else if (reservation.quantity() != quantity) {
                failures.add("a client got a 200 for " + quantity + " units on reservation " + id
                        + "; the ledger holds " + reservation.quantity());
            }
        });
        for (UUID id : client.confirmed()) {
            LedgerReplay.Reservation reservation = ledger.reservations().get(id);
            if (reservation == null || reservation.status() != LedgerReplay.Status.CONFIRMED) {
                failures.add("a client was told reservation " + id + " is confirmed; the ledger says "
                        + (reservation == null ? "no such reservation" : reservation.status()));
            }
        }
        for (UUID id : client.released()) {
            LedgerReplay.Reservation reservation = ledger.reservations().get(id);
            if (reservation == null || reservation.status() != LedgerReplay.Status.RELEASED
                    && reservation.status() != LedgerReplay.Status.EXPIRED) {
                failures.add("a client was told reservation " + id + " is released; the ledger says "
                        + (reservation == null ? "no such reservation" : reservation.status()));
            }
        }
        long unseenReservations = ledger.reservations().keySet().stream()
                .filter(id -> !client.reservations().containsKey(id)).count();
        if (unseenReservations > client.unansweredReserves()) {
            failures.add(unseenReservations + " reservations in the ledger were granted to no client (only "
                    + client.unansweredReserves() + " reserve requests went without a clear answer)");
        }
        long unseenConfirmations = countUnseen(ledger, LedgerReplay.Status.CONFIRMED, client.confirmed());
        if (unseenConfirmations > client.unansweredConfirms()) {
            failures.add(unseenConfirmations + " confirmations in the ledger that no client was told of (only "
                    + client.unansweredConfirms() + " confirms went without a clear answer)");
        }
        long unseenReleases = countUnseen(ledger, LedgerReplay.Status.RELEASED, client.released());
        if (unseenReleases > client.unansweredReleases()) {
            failures.add(unseenReleases + " releases in the ledger that no client was told of (only "
                    + client.unansweredReleases() + " releases went without a clear answer)");
        }
        long arrived = ledger.received() + ledger.adjusted() + ledger.transferred();
        if (client.confirmedUnits() > arrived) {
            failures.add("OVERSOLD: clients were told " + client.confirmedUnits() + " units are confirmed; only "
                    + arrived + " ever arrived");
        }
        return failures;
    }

    private static long countUnseen(LedgerReplay ledger, LedgerReplay.Status status, java.util.Set<UUID> seen) {
        return ledger.reservations().entrySet().stream()
                .filter(entry -> entry.getValue().status() == status && !seen.contains(entry.getKey())).count();
    }
}
