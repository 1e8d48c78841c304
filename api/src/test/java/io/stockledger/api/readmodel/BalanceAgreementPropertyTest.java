package io.stockledger.api.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.AdjustableClock;
import io.stockledger.api.support.AdjustableClockConfiguration;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.events.EventJson;
import io.stockledger.events.EventTypes;
import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LedgerId;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.effect.LedgerTally;
import io.stockledger.events.effect.LotBalance;
import io.stockledger.events.effect.MovementType;
import io.stockledger.events.effect.StockEffect;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * For random histories, the three answers to "what is in stock" agree: the ledger's own state (the aggregate, asked
 * through a command that changes nothing), the read models once caught up ({@code stock_balance}, {@code stock_lot}
 * and the live {@code GET /v1/stock}), and the balance folded from the event store as of the last event's instant.
 * The ledger's events, folded with the event contract's {@link LedgerTally}, must give the same lots as the ledger
 * and the lot read model.
 *
 * <p>Each history drives one product in two warehouses over HTTP: receipts into lots (one expired, one expiring later,
 * one never, the default lot), reservations confirmed, released or left to expire (the clock is moved), adjustments,
 * quarantines, picking policy changes and transfers from the first warehouse to the second. Refusals are part of
 * the history. The base seed is fixed so a build is repeatable; {@code -Dledger.agreement.seed=<long>} runs others,
 * and a failure names its seed and its steps.
 */
@Import(AdjustableClockConfiguration.class)
class BalanceAgreementPropertyTest extends ServiceIntegrationTest {

    static final String SEED_PROPERTY = "ledger.agreement.seed";
    static final long DEFAULT_SEED = 20261206L;
    static final int HISTORIES = 12;
    static final int MIN_STEPS = 8;
    static final int MAX_STEPS = 30;

    @Autowired
    private AdjustableClock clock;

    /** How often each kind of movement occurred over the run (checked for the default seed). */
    private final Map<MovementType, Integer> seen = new EnumMap<>(MovementType.class);
    /** Confirmations that shipped from other lots than their reservation held (a held lot was blocked). */
    private int standIns;

    @Test
    void theLedgerTheReadModelsAndTheAsOfFoldAgreeAfterRandomHistories() {
        long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
        Random seeds = new Random(seed);
        for (int h = 0; h < HISTORIES; h++) {
            long historySeed = seeds.nextLong();
            History history = new History(new Random(historySeed));
            try {
                history.run();
                history.checkAgreement();
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("history " + h + " of seed " + seed + " (-D" + SEED_PROPERTY + "=" + seed
                        + ") disagrees after the steps " + history.steps + ": " + failure.getMessage(), failure);
            }
        }
        System.out.printf("%d histories of seed %d agree; movements: %s; confirmations standing in: %d%n",
                HISTORIES, seed, seen, standIns);
        if (seed == DEFAULT_SEED) {
            // what the default seed is known to reach (no refused transfer: the destination never has a lot of
            // another expiry); a change that makes the generator miss a situation shows here, not as a silent pass
            assertThat(seen.keySet()).as("movements: %s", seen)
                    .containsAll(EnumSet.complementOf(EnumSet.of(MovementType.TRANSFER_RETURN)));
            assertThat(standIns).as("confirmations that stood in for a blocked lot").isPositive();
        }
    }

    /** One product in two warehouses, and what the test knows it did to them. */
    private final class History {

        private final Random random;
        private final UUID product = UUID.randomUUID();
        private final UUID source = UUID.randomUUID();
        private final UUID destination = UUID.randomUUID();
        private final LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        /** Batch number to expiry: one expired, one later, one never, and the default lot. */
        private final Map<String, LocalDate> lotExpiries = new LinkedHashMap<>();
        private final List<String> received = new ArrayList<>();
        private final List<String> pending = new ArrayList<>();
        /** The lots each pending reservation was allocated, as the reserve answer named them. */
        private final Map<String, List<String>> held = new LinkedHashMap<>();
        private final Map<UUID, Map<String, Boolean>> quarantined = new LinkedHashMap<>();
        private final Map<UUID, Map<String, Object>> anchors = new LinkedHashMap<>();
        private final List<String> steps = new ArrayList<>();
        private int transfers;

        History(Random random) {
            this.random = random;
            lotExpiries.put("OLD", today.minusDays(3));
            lotExpiries.put("FRESH", today.plusDays(30));
            lotExpiries.put("DRY", null);
            lotExpiries.put(LotQuantity.DEFAULT_BATCH, null);
        }

        void run() {
            // each ledger opens with a receipt whose repetition later asks the ledger for its state
            anchors.put(source, receiptBody(source, 20 + random.nextInt(40), LotQuantity.DEFAULT_BATCH));
            anchors.put(destination, receiptBody(destination, 1 + random.nextInt(5), LotQuantity.DEFAULT_BATCH));
            anchors.forEach((warehouse, body) -> expect("open " + warehouse, client.post("/v1/receive", body), 200));
            received.add(LotQuantity.DEFAULT_BATCH);
            int count = MIN_STEPS + random.nextInt(MAX_STEPS - MIN_STEPS + 1);
            for (int i = 0; i < count; i++) {
                step();
            }
        }

        private void step() {
            int pick = random.nextInt(100);
            if (pick < 12) {
                String batch = oneOf(List.copyOf(lotExpiries.keySet()));
                int quantity = 1 + random.nextInt(30);
                if (expect("receive " + quantity + " into " + batch, client.post("/v1/receive",
                        receiptBody(source, quantity, batch)), 200).status() == 200 && !received.contains(batch)) {
                    received.add(batch);
                }
            } else if (pick < 37 || pending.isEmpty() && pick < 62) {
                reserve();
            } else if (pick < 55) {
                String reservation = pending.remove(random.nextInt(pending.size()));
                expect("confirm " + reservation, client.confirm(reservation), 200, 409);
                held.remove(reservation);
            } else if (pick < 62) {
                String reservation = pending.remove(random.nextInt(pending.size()));
                expect("release " + reservation, client.release(reservation), 200);
                held.remove(reservation);
            } else if (pick < 72) {
                adjust();
            } else if (pick < 80) {
                quarantine(oneOf(received), random.nextInt(3) > 0);
            } else if (pick < 85 && !pending.isEmpty()) {
                // a held lot blocked before its reservation is confirmed: the confirmation must stand in
                String reservation = pending.remove(random.nextInt(pending.size()));
                quarantine(oneOf(held.remove(reservation)), true);
                expect("confirm " + reservation, client.confirm(reservation), 200, 409);
            } else if (pick < 88) {
                String policy = random.nextBoolean() ? "FIFO" : "FEFO";
                expect("policy " + policy, client.put("/v1/stock/" + product + "/" + source + "/picking-policy",
                        Map.of("policy", policy)), 200);
            } else if (pick < 95) {
                int quantity = 1 + random.nextInt(12);
                Map<String, Object> body = new LinkedHashMap<>(Map.of("product_id", product.toString(),
                        "from_warehouse_id", source.toString(), "to_warehouse_id", destination.toString(),
                        "quantity", quantity, "idempotency_key", LedgerClient.key()));
                if (expect("transfer " + quantity, client.post("/v1/transfers", body), 202, 409).status() == 202) {
                    transfers++;
                }
            } else {
                Duration passing = Duration.ofSeconds(61 + random.nextInt(300));
                steps.add("time passes: " + passing);
                clock.advance(passing);
            }
        }

        private void reserve() {
            int quantity = 1 + random.nextInt(15);
            Response reserved = expect("reserve " + quantity, client.post("/v1/reserve",
                    LedgerClient.reserveBody(product, source, quantity, LedgerClient.key(),
                            60 + random.nextInt(240))), 200, 409);
            if (reserved.status() == 200) {
                String id = reserved.text("reservation_id");
                pending.add(id);
                List<String> lots = new ArrayList<>();
                reserved.body().path("lots").forEach(lot -> lots.add(lot.path("batch_number").asText()));
                held.put(id, lots);
            }
        }

        private void adjust() {
            int quantity = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(10));
            Map<String, Object> body = new LinkedHashMap<>(Map.of("product_id", product.toString(),
                    "warehouse_id", source.toString(), "quantity", quantity, "reason",
                    quantity > 0 ? "FOUND" : "DAMAGE", "idempotency_key", LedgerClient.key()));
            String batch = random.nextBoolean() ? oneOf(received) : null;
            if (batch != null) {
                body.put("batch_number", batch);
            }
            expect("adjust " + quantity + (batch == null ? "" : " in " + batch), client.post("/v1/adjust", body),
                    200, 409);
        }

        private void quarantine(String batch, boolean quarantine) {
            Response lot = expect((quarantine ? "quarantine " : "lift quarantine of ") + batch,
                    client.post(quarantine ? "/v1/batches/quarantine" : "/v1/batches/quarantine/release",
                            Map.of("product_id", product.toString(), "warehouse_id", source.toString(),
                                    "batch_number", batch, "reason", "property test")), 200);
            quarantined.computeIfAbsent(source, w -> new LinkedHashMap<>()).put(batch, quarantine);
            assertThat(lot.body().path("quarantine_reason").asText(null)).as(lot.raw())
                    .isEqualTo(quarantine ? "property test" : null);
        }

        private Map<String, Object> receiptBody(UUID warehouse, int quantity, String batch) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("product_id", product.toString());
            body.put("warehouse_id", warehouse.toString());
            body.put("quantity", quantity);
            body.put("idempotency_key", LedgerClient.key());
            if (!LotQuantity.DEFAULT_BATCH.equals(batch)) {
                body.put("batch_number", batch);
                if (lotExpiries.get(batch) != null) {
                    body.put("expiry_date", lotExpiries.get(batch).toString());
                }
                body.put("location", "A-" + batch);
            }
            return body;
        }

        private Response expect(String step, Response response, int... allowed) {
            steps.add(step + " -> " + response.status());
            assertThat(response.status()).as("%s: %s", step, response.raw()).isIn(boxed(allowed));
            return response;
        }

        private <T> T oneOf(List<T> choices) {
            return choices.get(random.nextInt(choices.size()));
        }

        void checkAgreement() {
            soon().until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                       AND payload_type = 'io.stockledger.events.TransferReceived'""", Long.class,
                    LedgerId.format(product, destination)) == transfers);
            for (UUID warehouse : List.of(source, destination)) {
                new Agreement(product, warehouse, anchors.get(warehouse),
                        quarantined.getOrDefault(warehouse, Map.of())).check();
            }
        }
    }

    /** One ledger seen from the three sides, and the comparison. */
    private final class Agreement {

        private final UUID product;
        private final UUID warehouse;
        private final Map<String, Object> anchor;
        private final Map<String, Boolean> quarantined;

        Agreement(UUID product, UUID warehouse, Map<String, Object> anchor, Map<String, Boolean> quarantined) {
            this.product = product;
            this.warehouse = warehouse;
            this.anchor = anchor;
            this.quarantined = quarantined;
        }

        void check() {
            // the ledger's own state: its first receipt again is answered from memory, with today's balance, after
            // the ledger has recorded whatever time decided (expiries); each lot likewise by a quarantine command that
            // finds the lot already as asked
            Response ledger = client.post("/v1/receive", anchor);
            assertThat(ledger.status()).as(ledger.raw()).isEqualTo(200);
            assertThat(ledger.body().path("replayed").asBoolean()).as("answered from memory").isTrue();
            long lastSequence = lastSequence();

            List<LedgerEvent> events = events();
            LedgerTally tally = new LedgerTally();
            Map<UUID, List<LotQuantity>> holds = new LinkedHashMap<>();
            for (LedgerEvent event : events) {
                StockEffect effect = tally.apply(event);
                seen.merge(effect.type(), 1, Integer::sum);
                if (effect.startsHold()) {
                    holds.put(effect.reservationId(), effect.lots());
                } else if (effect.type() == MovementType.SHIPMENT
                        && !effect.lots().equals(holds.get(effect.reservationId()))) {
                    standIns++;
                }
            }
            assertThat((long) events.size()).as("the history endpoint has every event").isEqualTo(lastSequence + 1);

            Map<String, List<Object>> ledgerLots = new TreeMap<>();
            for (LotBalance lot : tally.lots()) {
                boolean isQuarantined = quarantined.getOrDefault(lot.batchNumber(), false);
                Response state = client.post(isQuarantined ? "/v1/batches/quarantine"
                                : "/v1/batches/quarantine/release", Map.of("product_id", product.toString(),
                        "warehouse_id", warehouse.toString(), "batch_number", lot.batchNumber(), "reason", "probe"));
                assertThat(state.status()).as(state.raw()).isEqualTo(200);
                ledgerLots.put(lot.batchNumber(), lotFields(state.body().path("quantity").asLong(),
                        state.body().path("reserved").asLong(), state.body().path("quarantine_reason").asText(null),
                        state.body().path("expiry_date").asText(null)));
            }
            assertThat(lastSequence()).as("asking the ledger wrote nothing").isEqualTo(lastSequence);

            soon().until(() -> jdbc.queryForObject("""
                    SELECT coalesce(max(last_sequence), -1) FROM stock_balance
                     WHERE product_id = ? AND warehouse_id = ?""", Long.class, product, warehouse) == lastSequence);
            Map<String, Object> balanceRow = jdbc.queryForMap("""
                    SELECT on_hand, reserved FROM stock_balance WHERE product_id = ? AND warehouse_id = ?""",
                    product, warehouse);
            JsonNode live = client.stock(product, warehouse).body();
            Map<String, List<Object>> readModelLots = new TreeMap<>();
            jdbc.query("""
                    SELECT batch_number, quantity, reserved, quarantine_reason, expiry_date::text AS expiry
                      FROM stock_lot WHERE product_id = ? AND warehouse_id = ?""", row -> {
                readModelLots.put(row.getString("batch_number"), lotFields(row.getLong("quantity"),
                        row.getLong("reserved"), row.getString("quarantine_reason"), row.getString("expiry")));
            }, product, warehouse);
            Map<String, List<Object>> talliedLots = new TreeMap<>();
            tally.lots().forEach(lot -> talliedLots.put(lot.batchNumber(), lotFields(lot.quantity(), lot.reserved(),
                    lot.quarantineReason(), lot.expiryDate() == null ? null : lot.expiryDate().toString())));

            Instant lastInstant = events.getLast().timestamp();
            Response asOf = client.get("/v1/ledger/" + product + "/" + warehouse + "/balance?as_of=" + lastInstant);
            assertThat(asOf.status()).as(asOf.raw()).isEqualTo(200);

            String ledgerId = LedgerId.format(product, warehouse);
            assertThat(asOf.number("sequence_number")).as("as of the last event, %s", ledgerId)
                    .isEqualTo(lastSequence);
            Map<String, Long> fromLedger = balance(ledger.body());
            assertThat(balance(asOf.body())).as("as of the last event vs the ledger, %s", ledgerId)
                    .isEqualTo(fromLedger);
            assertThat(balance(live)).as("the live balance vs the ledger, %s", ledgerId).isEqualTo(fromLedger);
            assertThat(balanceRow).as("stock_balance vs the ledger, %s", ledgerId)
                    .containsEntry("on_hand", fromLedger.get("on_hand"))
                    .containsEntry("reserved", fromLedger.get("reserved"));
            assertThat(tally.onHand()).isEqualTo(fromLedger.get("on_hand"));
            assertThat(tally.reserved()).isEqualTo(fromLedger.get("reserved"));
            assertThat(readModelLots).as("stock_lot vs the ledger's lots, %s", ledgerId).isEqualTo(ledgerLots);
            assertThat(talliedLots).as("the tally's lots vs the ledger's lots, %s", ledgerId)
                    .isEqualTo(ledgerLots);
        }

        private long lastSequence() {
            return jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry"
                    + " WHERE aggregate_identifier = ?", Long.class, LedgerId.format(product, warehouse));
        }

        /** The ledger's events from the history endpoint, read into the contract's records. */
        private List<LedgerEvent> events() {
            List<LedgerEvent> events = new ArrayList<>();
            Response page = client.get("/v1/ledger/" + product + "/" + warehouse + "/events?limit=1000");
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            for (JsonNode event : page.body().path("events")) {
                events.add(EventJson.read(EventTypes.named(event.path("event_type").asText()).orElseThrow(),
                        event.path("payload")));
            }
            return events;
        }
    }

    /** Waits for what follows the store asynchronously, looking often: a history is checked many times a run. */
    private static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    private static Map<String, Long> balance(JsonNode answer) {
        Map<String, Long> balance = new TreeMap<>();
        for (String field : List.of("on_hand", "reserved", "available", "blocked")) {
            assertThat(answer.has(field)).as("%s in %s", field, answer).isTrue();
            balance.put(field, answer.path(field).asLong());
        }
        return balance;
    }

    private static List<Object> lotFields(long quantity, long reserved, String quarantineReason, String expiry) {
        return java.util.Arrays.asList(quantity, reserved, quarantineReason, expiry);
    }

    private static Integer[] boxed(int[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
    }
}
