package io.stockledger.command.ledger;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentReason;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.PickingPolicy;
import io.stockledger.command.api.QuarantineLot;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReceiveTransfer;
import io.stockledger.command.api.ReleaseLotFromQuarantine;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.ReturnTransfer;
import io.stockledger.command.api.SetPickingPolicy;
import io.stockledger.command.api.ShipTransfer;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLevels;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.ShippedLot;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferShipped;
import io.stockledger.testsupport.ManualClock;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random histories over two warehouses of one product, with lots (some expiring, one number that means another
 * expiry in each warehouse), reservations with and without a shelf-life minimum, confirmations, releases,
 * quarantine, lot adjustments, days passing, and transfers delivered or refused and returned. After every step:
 *
 * <ul>
 *   <li>the lots of each ledger add up to its on hand, and its reserved, and {@code 0 <= reserved <= quantity} per
 *       lot; {@code on_hand = available + reserved + blocked};</li>
 *   <li>nothing is allocated, shipped or transferred from a lot that was quarantined or expired at that moment, or
 *       that does not last until the reservation's minimum;</li>
 *   <li>stock is conserved: both warehouses' on hand plus what is in transit equals what came in minus what left;
 *   </li>
 *   <li>and at the end each ledger rebuilt from its events has exactly the live state.</li>
 * </ul>
 *
 * The seed of each sequence is in its name; a failure names the step. The seeds are fixed unless
 * {@code -Dlots.seed=<n>} is given, and a last check proves the sequences reached every rule (refusals included).
 */
class StockLedgerLotsPropertiesTest {

    private static final int SEQUENCES = 60;
    private static final int STEPS = 150;
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final UUID PRODUCT = UUID.randomUUID();
    private static final StockLedgerId A = new StockLedgerId(PRODUCT, UUID.randomUUID());
    private static final StockLedgerId B = new StockLedgerId(PRODUCT, UUID.randomUUID());
    /** Batch numbers and their expiry in days from T0 (null: never); "X" expires differently in B. */
    private static final Map<String, Integer> EXPIRY_DAYS = Map.of("L5", 5, "L20", 20, "L60", 60, "L-NONE",
            Integer.MIN_VALUE, "X", 30);
    private static final List<String> BATCHES = List.of("L5", "L20", "L60", "L-NONE", "X");

    /** How often each event and refusal occurred over all sequences. */
    private static final Map<String, Integer> COVERAGE = new java.util.concurrent.ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyStepKeepsTheLotRules() {
        // fixed by default, so the coverage below is the same on every run; -Dlots.seed=<n> explores other histories
        long base = Long.getLong("lots.seed", 20261129L);
        Stream<DynamicTest> runs = IntStream.range(0, SEQUENCES).mapToObj(i -> base + i)
                .map(seed -> DynamicTest.dynamicTest("seed " + seed, () -> new Run(seed).play()));
        return Stream.concat(runs, Stream.of(DynamicTest.dynamicTest("the sequences reached every lot path", () -> {
            System.out.println("lot property coverage: " + new java.util.TreeMap<>(COVERAGE));
            assertThat(COVERAGE).containsKeys("ReservationConfirmed", "ReservationReleased", "ReservationExpired",
                    "LotQuarantined", "LotUnquarantined", "StockAdjusted", "PickingPolicyChanged", "TransferShipped",
                    "TransferReceived", "TransferReturned", "INSUFFICIENT_SHELF_LIFE", "INSUFFICIENT_STOCK",
                    "LOT_EXPIRY_MISMATCH", "RESERVED_LOT_UNAVAILABLE", "ADJUSTMENT_BELOW_RESERVED",
                    "confirmation with a stand-in lot");
        })));
    }

    private static final class Run {
        private final Random random;
        private final ManualClock clock = new ManualClock(T0);
        private final LedgerHarness a = new LedgerHarness(clock, StockLedgerPropertiesTest.ORIGIN);
        private final LedgerHarness b = new LedgerHarness(clock, StockLedgerPropertiesTest.ORIGIN);
        private final List<UUID> reservationsA = new ArrayList<>();
        private final List<UUID> reservationsB = new ArrayList<>();
        private final ArrayDeque<TransferShipped> inTransit = new ArrayDeque<>();
        private final Map<UUID, List<LotQuantity>> allocations = new HashMap<>();
        private long cameIn;
        private long wentOut;
        private int step;
        private final long seed;

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void play() {
            for (step = 0; step < STEPS; step++) {
                boolean inA = random.nextBoolean();
                LedgerHarness ledger = inA ? a : b;
                StockLedgerId id = inA ? A : B;
                Map<String, Lot> before = lotsOf(ledger);
                Instant now = clock.instant();
                List<Object> events = act(ledger, id, inA ? reservationsA : reservationsB);
                checkAllocations(events, before, now);
                checkInvariants();
            }
            while (!inTransit.isEmpty()) {
                deliver();
                checkInvariants();
            }
            checkReplay(a);
            checkReplay(b);
        }

        private List<Object> act(LedgerHarness ledger, StockLedgerId id, List<UUID> pending) {
            int choice = random.nextInt(100);
            if (choice < 22) {
                String batch = random.nextInt(5) == 0 ? null : BATCHES.get(random.nextInt(BATCHES.size()));
                return record(handle(ledger, new ReceiveStock(id, 1 + random.nextInt(20), null, key(), batch,
                        batch == null ? null : expiryOf(batch, id), null)));
            }
            if (choice < 45) {
                UUID reservation = UUID.randomUUID();
                Integer shelfLife = random.nextInt(3) == 0 ? random.nextInt(70) : null;
                List<Object> events = handle(ledger, new ReserveStock(id, reservation, 1 + random.nextInt(15),
                        Duration.ofSeconds(60 + random.nextInt(3600)), key(), null, shelfLife));
                if (!events.isEmpty()) {
                    pending.add(reservation);
                }
                return record(events);
            }
            if (choice < 60 && !pending.isEmpty()) {
                UUID reservation = pending.get(random.nextInt(pending.size()));
                Object command = random.nextInt(3) < 2 ? new ConfirmReservation(id, reservation)
                        : new ReleaseReservation(id, reservation);
                return record(handle(ledger, command));
            }
            if (choice < 68) {
                String batch = BATCHES.get(random.nextInt(BATCHES.size()));
                Object command = random.nextBoolean() ? new QuarantineLot(id, batch, "check")
                        : new ReleaseLotFromQuarantine(id, batch, "ok");
                return record(handle(ledger, command));
            }
            // a ledger that never received anything does not exist: adjusting it is a 404 before the ledger sees it
            if (choice < 76 && !ledger.root().lots().isEmpty()) {
                String batch = random.nextBoolean() ? null : BATCHES.get(random.nextInt(BATCHES.size()));
                int quantity = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(10));
                return record(handle(ledger, new AdjustStock(id, quantity, AdjustmentReason.COUNT_CORRECTION, null,
                        key(), batch)));
            }
            if (choice < 86) {
                StockLedgerId to = id == A ? B : A;
                String batch = random.nextInt(3) == 0 ? BATCHES.get(random.nextInt(BATCHES.size())) : null;
                return record(handle(ledger, new ShipTransfer(id, UUID.randomUUID(), to.warehouseId(),
                        1 + random.nextInt(15), batch, key())));
            }
            if (choice < 93 && !inTransit.isEmpty()) {
                return deliver();
            }
            if (choice < 96) {
                PickingPolicy policy = random.nextBoolean() ? PickingPolicy.FIFO : PickingPolicy.FEFO;
                return record(handle(ledger, new SetPickingPolicy(id, policy)));
            }
            clock.set(clock.instant().plus(Duration.ofHours(1 + random.nextInt(24 * 6))));
            return List.of();
        }

        /** Handles a command and counts what it led to, so the run can prove it reached every path. */
        private List<Object> handle(LedgerHarness ledger, Object command) {
            LedgerHarness.Outcome outcome = ledger.handle(command);
            if (outcome.refusal() != null) {
                COVERAGE.merge(outcome.refusal().code(), 1, Integer::sum);
            }
            return outcome.events();
        }

        /** What the transfer process does with the oldest shipment: deliver it, or return it when refused. */
        private List<Object> deliver() {
            TransferShipped shipped = inTransit.removeFirst();
            boolean toA = shipped.toWarehouseId().equals(A.warehouseId());
            LedgerHarness destination = toA ? a : b;
            LedgerHarness.Outcome received = destination.handle(new ReceiveTransfer(toA ? A : B,
                    shipped.transferId(), shipped.warehouseId(), shipped.lots()));
            List<Object> events = new ArrayList<>(record(received.events()));
            if (received.refusal() != null) {
                assertThat(received.refusal().code()).as(where()).isEqualTo("LOT_EXPIRY_MISMATCH");
                LedgerHarness source = toA ? b : a;
                events.addAll(record(source.handle(new ReturnTransfer(toA ? B : A, shipped.transferId(),
                        shipped.toWarehouseId(), shipped.lots(), "refused")).events()));
            }
            return events;
        }

        /** Keeps the books the conservation check needs: what came in, what left, what is on the road. */
        private List<Object> record(List<Object> events) {
            for (Object event : events) {
                COVERAGE.merge(event.getClass().getSimpleName(), 1, Integer::sum);
                if (event instanceof ReservationConfirmed confirmed && heldElsewhere(confirmed)) {
                    COVERAGE.merge("confirmation with a stand-in lot", 1, Integer::sum);
                }
                switch (event) {
                    case StockReceived received -> cameIn += received.quantity();
                    case StockAdjusted adjusted -> cameIn += adjusted.quantity();
                    case ReservationConfirmed confirmed -> wentOut += confirmed.quantity();
                    case TransferShipped shipped -> inTransit.addLast(shipped);
                    default -> { }
                }
            }
            return events;
        }

        private boolean heldElsewhere(ReservationConfirmed confirmed) {
            return !confirmed.lots().equals(allocations.get(confirmed.reservationId()));
        }

        private void checkAllocations(List<Object> events, Map<String, Lot> before, Instant now) {
            for (Object event : events) {
                if (event instanceof ReservationRequested requested) {
                    allocations.put(requested.reservationId(), requested.lots());
                    for (LotQuantity lot : requested.lots()) {
                        Lot was = before.get(lot.batchNumber());
                        assertThat(was.isUsableAt(now)).as("%s allocated from a blocked lot %s", where(), was)
                                .isTrue();
                        assertThat(was.lastsUntil(requested.minExpiryDate()))
                                .as("%s allocated from %s against minimum %s", where(), was,
                                        requested.minExpiryDate()).isTrue();
                    }
                }
                if (event instanceof ReservationConfirmed confirmed) {
                    confirmed.lots().forEach(lot -> assertThat(before.get(lot.batchNumber()).isUsableAt(now))
                            .as("%s shipped from a blocked lot %s", where(), lot.batchNumber()).isTrue());
                }
                if (event instanceof TransferShipped shipped) {
                    for (ShippedLot lot : shipped.lots()) {
                        Lot was = before.get(lot.batchNumber());
                        assertThat(was.isUsableAt(now)).as("%s transferred a blocked lot", where()).isTrue();
                        assertThat(lot.expiryDate()).as(where()).isEqualTo(was.expiryDate());
                    }
                }
            }
        }

        private void checkInvariants() {
            Instant now = clock.instant();
            long onHand = 0;
            for (LedgerHarness ledger : List.of(a, b)) {
                StockLedger root = ledger.root();
                StockLevels levels = root.levels(now);
                List<Lot> lots = root.lots();
                assertThat(lots.stream().mapToLong(Lot::quantity).sum()).as("%s: lots add up to on hand", where())
                        .isEqualTo(levels.onHand());
                assertThat(lots.stream().mapToLong(Lot::reserved).sum()).as("%s: lots add up to reserved", where())
                        .isEqualTo(levels.reserved());
                lots.forEach(lot -> assertThat(lot.reserved()).as("%s: %s", where(), lot)
                        .isBetween(0L, lot.quantity()));
                assertThat(levels.available() + levels.reserved() + levels.blocked()).as(where())
                        .isEqualTo(levels.onHand());
                assertThat(levels.available()).as(where()).isNotNegative();
                onHand += levels.onHand();
            }
            long travelling = inTransit.stream().mapToLong(TransferShipped::quantity).sum();
            assertThat(onHand + travelling).as("%s: stock is conserved", where()).isEqualTo(cameIn - wentOut);
        }

        private void checkReplay(LedgerHarness ledger) {
            StockLedger replayed = ledger.replay();
            Instant now = clock.instant();
            assertThat(replayed.levels(now)).as("seed %d: replayed levels", seed)
                    .isEqualTo(ledger.root().levels(now));
            assertThat(replayed.lots()).as("seed %d: replayed lots", seed)
                    .containsExactlyInAnyOrderElementsOf(ledger.root().lots());
        }

        private Map<String, Lot> lotsOf(LedgerHarness ledger) {
            Map<String, Lot> byBatch = new HashMap<>();
            ledger.root().lots().forEach(lot -> byBatch.put(lot.batchNumber(), lot));
            return byBatch;
        }

        private static LocalDate expiryOf(String batch, StockLedgerId id) {
            int days = EXPIRY_DAYS.get(batch);
            if (days == Integer.MIN_VALUE) {
                return null;
            }
            LocalDate date = LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(days);
            return batch.equals("X") && id == B ? date.plusDays(1) : date;
        }

        private static String key() {
            return "key-" + UUID.randomUUID();
        }

        private String where() {
            return "seed " + seed + " step " + step;
        }
    }
}
