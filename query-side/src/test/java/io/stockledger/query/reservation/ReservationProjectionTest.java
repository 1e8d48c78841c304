package io.stockledger.query.reservation;

import io.stockledger.events.LotQuantity;
import io.stockledger.query.ReadModels;
import io.stockledger.query.Sku;
import io.stockledger.query.api.FindLedgersWithOverdueReservations;
import io.stockledger.query.api.FindReservation;
import io.stockledger.query.api.LedgerRef;
import io.stockledger.query.api.ReservationView;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code reservation} read model: a row per reservation, its status, and the sweeper's question. */
class ReservationProjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String LOT = LotQuantity.DEFAULT_BATCH;

    @RegisterExtension
    static final ReadModels readModels = ReadModels.onFreshDatabase(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ReservationProjection reservations = readModels.bean(ReservationProjection.class);

    private static ReservationView find(UUID reservationId) {
        return reservations.handle(new FindReservation(reservationId)).orElseThrow();
    }

    @Test
    void aReservationIsPendingUntilItsTerminalStateAndKeepsIt() {
        Sku sku = Sku.fresh(NOW);
        UUID id = UUID.randomUUID();
        readModels.apply(sku.received(20, LOT, null), sku.reserved(id, 4, LOT));
        ReservationView pending = find(id);
        assertThat(pending.status()).isEqualTo("PENDING");
        assertThat(pending.quantity()).isEqualTo(4);
        assertThat(pending.expiresAt()).isEqualTo(NOW.plusSeconds(300));

        Sku later = sku.after(Duration.ofSeconds(30));
        List<EventMessage<?>> confirmed = readModels.apply(later.confirmed(id, 4, LOT));
        assertThat(find(id).status()).isEqualTo("CONFIRMED");
        assertThat(find(id).updatedAt()).isEqualTo(NOW.plusSeconds(30));

        // an old delivery of the confirmation, or any earlier event, cannot move it again
        readModels.deliver(confirmed);
        assertThat(find(id).status()).isEqualTo("CONFIRMED");
    }

    @Test
    void releasedAndExpiredAreRecordedAsSuch() {
        Sku sku = Sku.fresh(NOW);
        UUID released = UUID.randomUUID();
        UUID expired = UUID.randomUUID();
        readModels.apply(sku.received(20, LOT, null), sku.reserved(released, 2, LOT), sku.reserved(expired, 3, LOT),
                sku.released(released, 2, LOT), sku.expired(expired, 3, LOT));
        assertThat(find(released).status()).isEqualTo("RELEASED");
        assertThat(find(expired).status()).isEqualTo("EXPIRED");
    }

    @Test
    void aReservationRequestedAndSettledInOneBatchIsSettledWhateverWasDeliveredBefore() {
        Sku sku = Sku.fresh(NOW);
        UUID id = UUID.randomUUID();
        readModels.apply(sku.received(20, LOT, null));
        List<EventMessage<?>> lifetime = readModels.messages(sku.reserved(id, 4, LOT),
                sku.after(Duration.ofSeconds(30)).confirmed(id, 4, LOT));

        // its request delivered before, alone, then request and confirmation together: one write, settled
        readModels.deliver(lifetime.subList(0, 1));
        assertThat(find(id).status()).isEqualTo("PENDING");
        readModels.deliver(lifetime);
        assertThat(find(id).status()).isEqualTo("CONFIRMED");
        assertThat(find(id).updatedAt()).isEqualTo(NOW.plusSeconds(30));

        // and its request alone again cannot take the settlement back
        readModels.deliver(lifetime.subList(0, 1));
        assertThat(find(id).status()).isEqualTo("CONFIRMED");
    }

    @Test
    void theSweeperIsToldOnlyOfLedgersWithPendingReservationsPastTheirDeadline() {
        Sku overdue = Sku.fresh(NOW.minus(Duration.ofHours(1)));
        Sku settled = Sku.fresh(NOW.minus(Duration.ofHours(1)));
        Sku current = Sku.fresh(NOW);
        UUID settledId = UUID.randomUUID();
        readModels.apply(overdue.received(5, LOT, null), overdue.reserved(UUID.randomUUID(), 1, LOT),
                settled.received(5, LOT, null), settled.reserved(settledId, 1, LOT), settled.released(settledId, 1, LOT),
                current.received(5, LOT, null), current.reserved(UUID.randomUUID(), 1, LOT));

        List<LedgerRef> found = reservations.handle(new FindLedgersWithOverdueReservations(NOW, 100));

        assertThat(found).contains(new LedgerRef(overdue.productId(), overdue.warehouseId()))
                .doesNotContain(new LedgerRef(settled.productId(), settled.warehouseId()),
                        new LedgerRef(current.productId(), current.warehouseId()));
        assertThat(reservations.handle(new FindLedgersWithOverdueReservations(NOW, 1))).hasSize(1);
    }
}
