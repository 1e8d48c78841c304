package io.stockledger.query.movement;

import io.stockledger.events.LotQuantity;
import io.stockledger.query.ReadModels;
import io.stockledger.query.ReservationEndings;
import io.stockledger.query.Sku;
import io.stockledger.events.LedgerId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stock_movement} built by the projection from real events on a real PostgreSQL. */
class MovementJournalProjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @RegisterExtension
    static final ReadModels readModels = ReadModels.onFreshDatabase(Clock.fixed(NOW, ZoneOffset.UTC));

    private static List<Map<String, Object>> journalOf(Sku sku) {
        return readModels.jdbc.queryForList("""
                SELECT sequence_number, movement_type, on_hand_delta, reserved_delta, reservation_id, reason, note,
                       lots::text AS lots
                  FROM stock_movement WHERE product_id = ? AND warehouse_id = ?
                 ORDER BY global_position""", sku.productId(), sku.warehouseId());
    }

    @Test
    void eachEventIsOneRowWithItsMovementItsDeltasItsReservationAndItsLots() {
        Sku sku = Sku.fresh(NOW);
        ReservationEndings ends = ReservationEndings.fresh();
        readModels.apply(sku.received(50, "L1", null),
                sku.reserved(ends.shipped(), 10, "L1"), sku.confirmed(ends.shipped(), 10, "L1"),
                sku.reserved(ends.cancelled(), 5, "L1"), sku.released(ends.cancelled(), 5, "L1"),
                sku.reserved(ends.lapsed(), 4, "L1"), sku.expired(ends.lapsed(), 4, "L1"),
                sku.adjusted(-2, "DAMAGE", "L1"));

        List<Map<String, Object>> rows = journalOf(sku);
        assertThat(rows).extracting(row -> row.get("movement_type")).containsExactly("RECEIPT", "RESERVATION",
                "SHIPMENT", "RESERVATION", "RELEASE", "RESERVATION", "EXPIRY", "ADJUSTMENT");
        assertThat(rows).extracting(row -> row.get("sequence_number")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(rows.get(2)).containsEntry("on_hand_delta", -10).containsEntry("reserved_delta", -10)
                .containsEntry("reservation_id", ends.shipped()).containsEntry("lots",
                        "[{\"quantity\": 10, \"batch_number\": \"L1\"}]");
        assertThat(rows.get(6)).containsEntry("on_hand_delta", 0).containsEntry("reserved_delta", -4)
                .containsEntry("reservation_id", ends.lapsed());
        assertThat(rows.get(7)).containsEntry("on_hand_delta", -2).containsEntry("reason", "DAMAGE")
                .containsEntry("note", "cycle count").containsEntry("reservation_id", null);
        assertThat(rows.stream().mapToInt(row -> (Integer) row.get("on_hand_delta")).sum())
                .as("the deltas sum to the balance").isEqualTo(50 - 10 - 2);
        assertThat(rows.stream().mapToInt(row -> (Integer) row.get("reserved_delta")).sum()).isZero();
    }

    /**
     * A reservation appended before a receipt's transaction committed: the processor met its index as a gap, took the
     * receipt first, and gets the reservation's token advanced to the receipt's index. The storage engine's stamp,
     * not the token, says where the reservation is; keyed by the token it would have met the receipt's row and been
     * dropped.
     */
    @Test
    void anEventThatCommittedAfterALaterIndexKeepsItsOwnPosition() {
        Sku sku = Sku.fresh(NOW);
        String ledger = LedgerId.of(sku.received(1, "L1", null)).toString();
        long late = 9_000_000_000L + readModels.jdbc.queryForObject("SELECT count(*) FROM stock_movement", Long.class);
        long early = late + 1;
        UUID reservation = UUID.randomUUID();
        EventMessage<?> receipt = new GenericTrackedDomainEventMessage<>(
                new GapAwareTrackingToken(early, Set.of(late)),
                new GenericDomainEventMessage<>("StockLedger", ledger, 0, sku.received(50, "L1", null))
                        .andMetaData(Map.of(MovementJournalProjection.GLOBAL_INDEX, early)));
        EventMessage<?> reserve = new GenericTrackedDomainEventMessage<>(
                new GapAwareTrackingToken(early, Set.of()),
                new GenericDomainEventMessage<>("StockLedger", ledger, 1, sku.reserved(reservation, 5, "L1"))
                        .andMetaData(Map.of(MovementJournalProjection.GLOBAL_INDEX, late)));

        readModels.deliver(List.of(receipt));
        readModels.deliver(List.of(reserve));

        assertThat(readModels.jdbc.queryForList("""
                SELECT global_position, movement_type FROM stock_movement WHERE product_id = ? AND warehouse_id = ?
                 ORDER BY global_position""", sku.productId(), sku.warehouseId()))
                .containsExactly(Map.of("global_position", late, "movement_type", "RESERVATION"),
                        Map.of("global_position", early, "movement_type", "RECEIPT"));
    }

    @Test
    void lotPolicyAndTransferRowsMoveWhatTheirEventsMoveAndSayWhy() {
        Sku sku = Sku.fresh(NOW);
        UUID elsewhere = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        readModels.apply(sku.received(20, "L1", null), sku.quarantined("L1", 20), sku.unquarantined("L1", 20),
                sku.policy("FIFO"), sku.shipped(transfer, UUID.randomUUID(), 6, "L1", null),
                sku.transferReturned(transfer, elsewhere, 6, "L1", null));

        List<Map<String, Object>> rows = journalOf(sku);
        assertThat(rows).extracting(row -> row.get("movement_type")).containsExactly("RECEIPT", "QUARANTINE",
                "UNQUARANTINE", "POLICY_CHANGE", "TRANSFER_OUT", "TRANSFER_RETURN");
        assertThat(rows.get(1)).containsEntry("on_hand_delta", 0).containsEntry("note", "recall")
                .containsEntry("lots", "[{\"quantity\": 20, \"batch_number\": \"L1\"}]");
        assertThat(rows.get(2)).containsEntry("note", "cleared");
        assertThat(rows.get(3)).containsEntry("reason", "FIFO").containsEntry("lots", null);
        assertThat(rows.get(4)).containsEntry("on_hand_delta", -6);
        assertThat((String) rows.get(4).get("note")).endsWith("transfer " + transfer);
        assertThat(rows.get(5)).containsEntry("on_hand_delta", 6);
        assertThat((String) rows.get(5).get("note")).startsWith("refused by warehouse " + elsewhere + ": ");
    }

    @Test
    void aTransferReceivedIsARowOfTheWarehouseItArrivedIn() {
        Sku source = Sku.fresh(NOW);
        Sku destination = source.in(UUID.randomUUID());
        UUID transfer = UUID.randomUUID();
        readModels.apply(destination.transferReceived(transfer, source.warehouseId(), 8, "L1", null));

        assertThat(journalOf(destination)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("movement_type", "TRANSFER_IN").containsEntry("on_hand_delta", 8)
                    .containsEntry("note", "from warehouse " + source.warehouseId() + ", transfer " + transfer);
        });
    }

    @Test
    void eventsFromBeforeLotsMoveTheDefaultLot() {
        Sku sku = Sku.fresh(NOW);
        UUID reservation = UUID.randomUUID();
        readModels.apply(sku.receivedBeforeLots(9), sku.reservedBeforeLots(reservation, 3),
                sku.confirmedBeforeLots(reservation, 3));

        assertThat(journalOf(sku)).extracting(row -> row.get("lots")).containsExactly(
                "[{\"quantity\": 9, \"batch_number\": \"DEFAULT\"}]",
                "[{\"quantity\": 3, \"batch_number\": \"DEFAULT\"}]",
                "[{\"quantity\": 3, \"batch_number\": \"DEFAULT\"}]");
    }

    @Test
    void aSecondDeliveryOfTheSameEventsAddsNoRow() {
        Sku sku = Sku.fresh(NOW);
        List<EventMessage<?>> delivered = readModels.apply(sku.received(40, LotQuantity.DEFAULT_BATCH, null),
                sku.reserved(UUID.randomUUID(), 15, LotQuantity.DEFAULT_BATCH));
        List<Map<String, Object>> once = journalOf(sku);

        readModels.deliver(delivered);

        assertThat(journalOf(sku)).hasSize(2).isEqualTo(once);
    }
}
