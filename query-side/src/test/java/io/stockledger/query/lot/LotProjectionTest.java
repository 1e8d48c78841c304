package io.stockledger.query.lot;

import io.stockledger.query.ReadModels;
import io.stockledger.query.ReservationEndings;
import io.stockledger.query.Sku;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stock_lot} built by the projection from real events on a real PostgreSQL. */
class LotProjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final LocalDate EXPIRY = LocalDate.parse("2026-05-31");

    @RegisterExtension
    static final ReadModels readModels = ReadModels.onFreshDatabase(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Map<String, Object> lot(Sku sku, String batch) {
        return readModels.jdbc.queryForMap("""
                SELECT quantity, reserved, expiry_date, location, unit_cost, received_at, quarantine_reason
                  FROM stock_lot WHERE product_id = ? AND warehouse_id = ? AND batch_number = ?""",
                sku.productId(), sku.warehouseId(), batch);
    }

    private static List<String> batchesOf(Sku sku) {
        return readModels.jdbc.queryForList("""
                SELECT batch_number FROM stock_lot WHERE product_id = ? AND warehouse_id = ?
                 ORDER BY batch_number""", String.class, sku.productId(), sku.warehouseId());
    }

    @Test
    void aReceiptOpensTheLotWithItsAttributesAndALaterOneOnlyAddsUnits() {
        Sku sku = Sku.fresh(NOW);
        Sku later = new Sku(sku.productId(), sku.warehouseId(), NOW.plusSeconds(60));
        readModels.apply(sku.received(10, "L1", EXPIRY));
        readModels.apply(later.received(5, "L1", null));

        assertThat(lot(sku, "L1")).containsEntry("quantity", 15L).containsEntry("reserved", 0L)
                .containsEntry("expiry_date", Date.valueOf(EXPIRY)).containsEntry("location", "A-01")
                .containsEntry("received_at", java.sql.Timestamp.from(NOW));
        assertThat((BigDecimal) lot(sku, "L1").get("unit_cost")).isEqualByComparingTo("2.5");
    }

    @Test
    void aReservationsLifeMovesReservedThenQuantityInItsLots() {
        Sku sku = Sku.fresh(NOW);
        ReservationEndings ends = ReservationEndings.fresh();
        readModels.apply(sku.received(30, "L1", null), sku.received(30, "L2", null),
                sku.reserved(ends.shipped(), 10, "L1"), sku.reserved(ends.cancelled(), 5, "L2"),
                sku.reserved(ends.lapsed(), 7, "L2"));
        assertThat(lot(sku, "L1")).containsEntry("quantity", 30L).containsEntry("reserved", 10L);
        assertThat(lot(sku, "L2")).containsEntry("quantity", 30L).containsEntry("reserved", 12L);

        readModels.apply(sku.confirmed(ends.shipped(), 10, "L1"), sku.released(ends.cancelled(), 5, "L2"),
                sku.expired(ends.lapsed(), 7, "L2"), sku.adjusted(-3, "DAMAGE", "L2"));
        assertThat(lot(sku, "L1")).containsEntry("quantity", 20L).containsEntry("reserved", 0L);
        assertThat(lot(sku, "L2")).containsEntry("quantity", 27L).containsEntry("reserved", 0L);
    }

    @Test
    void aConfirmationGivesBackTheLotItsReservationHeldAndTakesFromTheLotItConsumed() {
        Sku sku = Sku.fresh(NOW);
        UUID earlier = UUID.randomUUID();
        UUID sameBatch = UUID.randomUUID();
        readModels.apply(sku.received(20, "L1", null), sku.received(20, "L2", null), sku.reserved(earlier, 4, "L1"),
                sku.quarantined("L1", 20));
        // held lots from the reservation row (an earlier batch) and from this batch's memory
        readModels.apply(sku.confirmed(earlier, 4, "L2"), sku.reserved(sameBatch, 3, "L2"),
                sku.confirmed(sameBatch, 3, "L2"));

        assertThat(lot(sku, "L1")).containsEntry("quantity", 20L).containsEntry("reserved", 0L);
        assertThat(lot(sku, "L2")).containsEntry("quantity", 13L).containsEntry("reserved", 0L);
    }

    @Test
    void aQuarantineRecordsItsReasonAndALiftClearsIt() {
        Sku sku = Sku.fresh(NOW);
        readModels.apply(sku.received(8, "L1", null), sku.quarantined("L1", 8));
        assertThat(lot(sku, "L1")).containsEntry("quarantine_reason", "recall").containsEntry("quantity", 8L);

        readModels.apply(sku.unquarantined("L1", 8));
        assertThat(lot(sku, "L1")).containsEntry("quarantine_reason", null);
    }

    @Test
    void aTransferLeavesItsLotsHereAndOpensThemThereWithTheSourcesAttributes() {
        Sku source = Sku.fresh(NOW);
        Sku destination = source.in(UUID.randomUUID());
        UUID transfer = UUID.randomUUID();
        readModels.apply(source.received(10, "L1", EXPIRY),
                source.shipped(transfer, destination.warehouseId(), 6, "L1", EXPIRY),
                destination.transferReceived(transfer, source.warehouseId(), 6, "L1", EXPIRY));

        assertThat(lot(source, "L1")).containsEntry("quantity", 4L);
        assertThat(lot(destination, "L1")).containsEntry("quantity", 6L)
                .containsEntry("expiry_date", Date.valueOf(EXPIRY)).containsEntry("location", "B-07");
    }

    @Test
    void eventsFromBeforeLotsCountInTheDefaultLot() {
        Sku sku = Sku.fresh(NOW);
        UUID reservation = UUID.randomUUID();
        readModels.apply(sku.receivedBeforeLots(9), sku.reservedBeforeLots(reservation, 3));
        readModels.apply(sku.confirmedBeforeLots(reservation, 3));

        assertThat(batchesOf(sku)).containsExactly("DEFAULT");
        assertThat(lot(sku, "DEFAULT")).containsEntry("quantity", 6L).containsEntry("reserved", 0L);
    }

    @Test
    void aSecondDeliveryOfTheSameEventsChangesNothing() {
        Sku sku = Sku.fresh(NOW);
        UUID reservation = UUID.randomUUID();
        List<EventMessage<?>> delivered = readModels.apply(sku.received(40, "L1", null),
                sku.reserved(reservation, 15, "L1"), sku.confirmed(reservation, 15, "L1"),
                sku.quarantined("L1", 25));
        Map<String, Object> once = lot(sku, "L1");

        readModels.deliver(delivered);
        readModels.deliver(delivered.subList(2, 3));

        assertThat(lot(sku, "L1")).isEqualTo(once).containsEntry("quantity", 25L).containsEntry("reserved", 0L);
    }
    @Test
    void aBatchPartlySeenBeforeAppliesOnlyItsNewEvents() {
        Sku sku = Sku.fresh(NOW);
        List<EventMessage<?>> first = readModels.apply(sku.received(40, "L1", null),
                sku.reserved(UUID.randomUUID(), 15, "L1"));
        List<EventMessage<?>> second = readModels.messages(sku.reserved(UUID.randomUUID(), 4, "L1"),
                sku.adjusted(-2, "DAMAGE", "L1"));

        // the first batch's last event delivered again together with the second batch, which is new to the lot
        List<EventMessage<?>> overlapping = new ArrayList<>(first.subList(1, 2));
        overlapping.addAll(second);
        readModels.deliver(overlapping);

        assertThat(lot(sku, "L1")).containsEntry("quantity", 38L).containsEntry("reserved", 19L);
    }

    @Test
    void oneBatchOverManyLotsChangesEachByAllItsEventsWhetherItsRowExistsOrNot() {
        Sku sku = Sku.fresh(NOW);
        readModels.apply(sku.received(50, "L1", null));

        readModels.apply(sku.reserved(UUID.randomUUID(), 5, "L1"), sku.received(9, "L2", EXPIRY),
                sku.reserved(UUID.randomUUID(), 2, "L2"), sku.reserved(UUID.randomUUID(), 6, "L1"),
                sku.adjusted(-1, "DAMAGE", "NEVER-RECEIVED"), sku.quarantined("L2", 7));

        assertThat(batchesOf(sku)).as("a lot is opened by an arrival only").containsExactly("L1", "L2");
        assertThat(lot(sku, "L1")).containsEntry("quantity", 50L).containsEntry("reserved", 11L);
        assertThat(lot(sku, "L2")).containsEntry("quantity", 9L).containsEntry("reserved", 2L)
                .containsEntry("expiry_date", Date.valueOf(EXPIRY)).containsEntry("quarantine_reason", "recall");
        assertThat(readModels.jdbc.queryForList("""
                        SELECT last_sequence FROM stock_lot WHERE product_id = ? AND warehouse_id = ?
                         ORDER BY batch_number""", Long.class, sku.productId(), sku.warehouseId()))
                .as("each lot remembers the last event that changed it").containsExactly(4L, 6L);
    }

    @Test
    void confirmationsInOneBatchGiveBackWhatTheirReservationsFromEarlierBatchesHeld() {
        Sku sku = Sku.fresh(NOW);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        readModels.apply(sku.received(20, "L1", null), sku.received(20, "L2", null));
        readModels.apply(sku.reserved(first, 4, "L1"));
        readModels.apply(sku.reserved(second, 3, "L2"));

        readModels.apply(sku.confirmed(first, 4, "L2"), sku.confirmed(second, 3, "L2"));

        assertThat(lot(sku, "L1")).containsEntry("quantity", 20L).containsEntry("reserved", 0L);
        assertThat(lot(sku, "L2")).containsEntry("quantity", 13L).containsEntry("reserved", 0L);
    }
}
