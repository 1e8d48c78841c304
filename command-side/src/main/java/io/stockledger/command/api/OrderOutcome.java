package io.stockledger.command.api;

import io.stockledger.events.LotQuantity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * An order as the ledgers hold it: its lines, and for each line the reservations it was allocated to, one per
 * warehouse it is taken from. {@code replayed} is true when the answer is a repeat and nothing was written.
 */
public record OrderOutcome(
        String orderId,
        Instant createdAt,
        Instant expiresAt,
        List<Line> lines,
        boolean replayed) {

    public OrderOutcome {
        lines = List.copyOf(lines);
    }

    /** PENDING while any reservation is; then CONFIRMED if any was confirmed, else RELEASED if any, else EXPIRED. */
    public ReservationStatus status() {
        return statusOf(lines.stream().map(Line::status).toList());
    }

    public OrderOutcome asReplayed() {
        return new OrderOutcome(orderId, createdAt, expiresAt, lines, true);
    }

    /** One line, with its allocations in the order they were sourced. */
    public record Line(String lineId, UUID productId, int quantity, List<Allocation> allocations) {

        public Line {
            allocations = List.copyOf(allocations);
        }

        public ReservationStatus status() {
            return statusOf(allocations.stream().map(Allocation::status).toList());
        }
    }

    /** The part of a line one warehouse serves: an ordinary reservation on that warehouse's ledger. */
    public record Allocation(UUID warehouseId, UUID reservationId, int quantity, List<LotQuantity> lots,
                             ReservationStatus status) {

        public Allocation withStatus(ReservationStatus newStatus) {
            return new Allocation(warehouseId, reservationId, quantity, lots, newStatus);
        }
    }

    private static ReservationStatus statusOf(Collection<ReservationStatus> parts) {
        for (ReservationStatus candidate : List.of(ReservationStatus.PENDING, ReservationStatus.CONFIRMED,
                ReservationStatus.RELEASED)) {
            if (parts.contains(candidate)) {
                return candidate;
            }
        }
        return ReservationStatus.EXPIRED;
    }
}
