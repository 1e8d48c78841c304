package io.stockledger.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.events.EventJson;
import io.stockledger.events.EventTypes;
import io.stockledger.events.LedgerEvent;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.effect.StockEffect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One SKU's history from the event store, folded independently of the service's running code: what was received,
 * adjusted and confirmed, which reservations are in which state, and, after every single event, whether the ledger
 * was ever oversold (more reserved than on hand, or anything negative). Events are applied in sequence order and may
 * come in several calls (pages, or events appended while the check runs).
 *
 * <p>Each payload is read into the event contract's record ({@link EventJson}) and what it does to on hand and
 * reserved is the contract's {@link StockEffect}, the one definition the service folds with too; what this check
 * adds is the reservations' life (requested once, settled once, at the size requested), whose violations it reports
 * instead of applying. An event type the contract does not know is reported, not skipped: a check that silently
 * ignored a new kind of stock movement could pass an oversold ledger.
 */
public final class LedgerReplay {

    /** A reservation's state as the events tell it. */
    public enum Status { PENDING, CONFIRMED, RELEASED, EXPIRED }

    public record Reservation(int quantity, Status status) {
    }

    /** A reservation made for a line of an order, as its request event names them. */
    public record OrderLineReservation(String orderId, String lineId, UUID reservationId, int quantity) {
    }

    private final Map<UUID, Reservation> reservations = new HashMap<>();
    /** The reservations of this SKU that were made for an order's line, in the order requested. */
    private final List<OrderLineReservation> orderLines = new ArrayList<>();
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
        // an event that breaks the reservations' rules is reported and moves no units here
        effectOf(sequence, type, event.path("payload"))
                .filter(effect -> keepsTheReservationRules(effect, sequence))
                .ifPresent(this::count);
        if (onHand < 0 || reserved < 0 || reserved > onHand) {
            anomalies.add("OVERSOLD after sequence " + sequence + " (" + type + "): on hand " + onHand
                    + ", reserved " + reserved);
        }
    }

    private void count(StockEffect effect) {
        onHand += effect.onHandDelta();
        reserved += effect.reservedDelta();
        switch (effect.type()) {
            case RECEIPT -> received += effect.onHandDelta();
            case ADJUSTMENT -> adjusted += effect.onHandDelta();
            case SHIPMENT -> confirmedUnits -= effect.onHandDelta();
            case TRANSFER_OUT, TRANSFER_IN, TRANSFER_RETURN -> transferred += effect.onHandDelta();
            default -> {
                // reservations move reserved only; lots blocked or released and the picking order move nothing
            }
        }
    }

    /** The event's effect, or empty (and an anomaly) when its type is unknown or its payload unreadable. */
    private Optional<StockEffect> effectOf(long sequence, String type, JsonNode payload) {
        Optional<Class<? extends LedgerEvent>> known = EventTypes.named(type);
        if (known.isEmpty()) {
            anomalies.add("sequence " + sequence + ": event type '" + type + "' is unknown to the oversell check;"
                    + " the event contract (events-schema) must say what it does to the balance");
            return Optional.empty();
        }
        try {
            LedgerEvent read = EventJson.read(known.get(), payload);
            if (read instanceof ReservationRequested requested && requested.orderId() != null
                    && !reservations.containsKey(requested.reservationId())) {
                orderLines.add(new OrderLineReservation(requested.orderId(), requested.lineId(),
                        requested.reservationId(), requested.quantity()));
            }
            return Optional.of(StockEffect.of(read));
        } catch (IllegalArgumentException unreadable) {
            anomalies.add("sequence " + sequence + ": unreadable " + type + ": " + unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** A request must be new, a settlement must end a pending reservation; false when the event breaks that. */
    private boolean keepsTheReservationRules(StockEffect effect, long sequence) {
        return switch (effect.type()) {
            case RESERVATION -> request(effect, sequence);
            case SHIPMENT -> settle(effect, sequence, Status.CONFIRMED);
            case RELEASE -> settle(effect, sequence, Status.RELEASED);
            case EXPIRY -> settle(effect, sequence, Status.EXPIRED);
            case RECEIPT, ADJUSTMENT, QUARANTINE, UNQUARANTINE, POLICY_CHANGE, TRANSFER_OUT, TRANSFER_IN,
                 TRANSFER_RETURN -> true;
        };
    }

    private boolean request(StockEffect effect, long sequence) {
        UUID id = reservationId(effect, sequence);
        if (reservations.putIfAbsent(id, new Reservation(effect.reservedDelta(), Status.PENDING)) != null) {
            anomalies.add("sequence " + sequence + ": reservation " + id + " requested twice");
            return false;
        }
        return true;
    }

    /** Ends a pending reservation; false (and an anomaly) when it is unknown, settled already or of another size. */
    private boolean settle(StockEffect effect, long sequence, Status outcome) {
        UUID id = reservationId(effect, sequence);
        int quantity = -effect.reservedDelta();
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

    private UUID reservationId(StockEffect effect, long sequence) {
        if (effect.reservationId() == null) {
            anomalies.add("sequence " + sequence + ": no reservation_id in a " + effect.type() + " event");
            return new UUID(0, sequence);
        }
        return effect.reservationId();
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

    /** The reservations made for orders' lines: what the order check holds the clients' orders against. */
    public List<OrderLineReservation> orderLines() {
        return orderLines;
    }

    public long count(Status status) {
        return reservations.values().stream().filter(r -> r.status() == status).count();
    }

    public List<String> anomalies() {
        return anomalies;
    }
}
