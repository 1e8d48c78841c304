package io.stockledger.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One SKU's history from the event store, folded independently of the service's own code: what was received,
 * adjusted and confirmed, which reservations are in which state, and, after every single event, whether the ledger
 * was ever oversold (more reserved than on hand, or anything negative). Events are applied in sequence order and may
 * come in several calls (pages, or events appended while the check runs).
 *
 * <p>It knows every event type of docs/events.md. An event type it does not know is reported, not skipped: a
 * check that silently ignored a new kind of stock movement could pass an oversold ledger.
 */
public final class LedgerReplay {

    /** A reservation's state as the events tell it. */
    public enum Status { PENDING, CONFIRMED, RELEASED, EXPIRED }

    public record Reservation(int quantity, Status status) {
    }

    private final Map<UUID, Reservation> reservations = new HashMap<>();
    private final List<String> anomalies = new ArrayList<>();
    private long lastSequence = -1;
    private long received;
    private long adjusted;
    private long confirmedUnits;
    /** Net units moved by transfers: in (received, or returned to this source) minus shipped out. */
    private long transferred;
    private long onHand;
    private long reserved;
    private long events;

    /** Applies {@code events} entries of a {@code GET /v1/ledger/{product}/{warehouse}/events} page. */
    public void applyAll(JsonNode page) {
        for (JsonNode event : page) {
            apply(event);
        }
    }

    public void apply(JsonNode event) {
        long sequence = event.path("sequence_number").asLong(-1);
        if (sequence != lastSequence + 1) {
            anomalies.add("sequence " + sequence + " follows " + lastSequence + ": the history has a gap or repeat");
        }
        lastSequence = sequence;
        events++;
        String type = event.path("event_type").asText();
        JsonNode payload = event.path("payload");
        int quantity = payload.path("quantity").asInt();
        switch (type) {
            case "StockReceived" -> {
                received += quantity;
                onHand += quantity;
            }
            case "StockAdjusted" -> {
                adjusted += quantity;
                onHand += quantity;
            }
            case "ReservationRequested" -> {
                UUID id = reservationId(payload, sequence);
                if (reservations.putIfAbsent(id, new Reservation(quantity, Status.PENDING)) != null) {
                    anomalies.add("sequence " + sequence + ": reservation " + id + " requested twice");
                } else {
                    reserved += quantity;
                }
            }
            case "ReservationConfirmed" -> {
                if (settle(payload, sequence, quantity, Status.CONFIRMED)) {
                    reserved -= quantity;
                    onHand -= quantity;
                    confirmedUnits += quantity;
                }
            }
            case "ReservationReleased" -> {
                if (settle(payload, sequence, quantity, Status.RELEASED)) {
                    reserved -= quantity;
                }
            }
            case "ReservationExpired" -> {
                if (settle(payload, sequence, quantity, Status.EXPIRED)) {
                    reserved -= quantity;
                }
            }
            case "TransferShipped" -> {
                transferred -= quantity;
                onHand -= quantity;
            }
            case "TransferReceived", "TransferReturned" -> {
                transferred += quantity;
                onHand += quantity;
            }
            // lots blocked or released and the picking order move no units
            case "LotQuarantined", "LotUnquarantined", "PickingPolicyChanged" -> { }
            default -> anomalies.add("sequence " + sequence + ": event type '" + type
                    + "' is unknown to the oversell check; teach LedgerReplay what it does to the balance");
        }
        if (onHand < 0 || reserved < 0 || reserved > onHand) {
            anomalies.add("OVERSOLD after sequence " + sequence + " (" + type + "): on hand " + onHand
                    + ", reserved " + reserved);
        }
    }

    /** Ends a pending reservation; false (and an anomaly) when it is unknown, settled already or of another size. */
    private boolean settle(JsonNode payload, long sequence, int quantity, Status outcome) {
        UUID id = reservationId(payload, sequence);
        Reservation reservation = reservations.get(id);
        if (reservation == null || reservation.status() != Status.PENDING) {
            anomalies.add("sequence " + sequence + ": " + outcome + " of reservation " + id + " which is "
                    + (reservation == null ? "unknown" : reservation.status()));
            return false;
        }
        if (reservation.quantity() != quantity) {
            anomalies.add("sequence " + sequence + ": " + outcome + " of " + quantity + " units of reservation " + id
                    + " which holds " + reservation.quantity());
        }
        reservations.put(id, new Reservation(reservation.quantity(), outcome));
        return true;
    }

    private UUID reservationId(JsonNode payload, long sequence) {
        try {
            return UUID.fromString(payload.path("reservation_id").asText());
        } catch (IllegalArgumentException e) {
            anomalies.add("sequence " + sequence + ": no reservation_id in " + payload);
            return new UUID(0, sequence);
        }
    }

    public long lastSequence() {
        return lastSequence;
    }

    public long events() {
        return events;
    }

    public long received() {
        return received;
    }

    public long adjusted() {
        return adjusted;
    }

    public long confirmedUnits() {
        return confirmedUnits;
    }

    /**
     * On hand as the balance rule computes it: Σ received + Σ adjusted − Σ confirmed − Σ shipped to other warehouses
     * + Σ transfers received or returned.
     */
    public long expectedOnHand() {
        return received + adjusted - confirmedUnits + transferred;
    }

    /** Net units this SKU gained (positive) or gave (negative) by transfers. */
    public long transferred() {
        return transferred;
    }

    /** Reserved as the balance rule computes it: the units of the reservations still pending. */
    public long expectedReserved() {
        return reservations.values().stream().filter(r -> r.status() == Status.PENDING)
                .mapToLong(Reservation::quantity).sum();
    }

    public Map<UUID, Reservation> reservations() {
        return reservations;
    }

    public long count(Status status) {
        return reservations.values().stream().filter(r -> r.status() == status).count();
    }

    public List<String> anomalies() {
        return anomalies;
    }
}
