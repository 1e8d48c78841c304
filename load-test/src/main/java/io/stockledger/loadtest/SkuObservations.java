package io.stockledger.loadtest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the clients of one SKU were told during a run: the 200s (stock received, reservations granted, confirmed,
 * released) and how many requests got no clear answer (timed out, 5xx, refused connection), whose effect the client
 * cannot know. The oversell check holds the ledger against it. Thread-safe: Gatling records from many threads.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class SkuObservations {

    @JsonProperty("product_id")
    private final UUID productId;
    /** units of 200-answered receipts */
    @JsonProperty("received")
    private final AtomicInteger received = new AtomicInteger();
    /** reservation id → quantity, for every 200 on a reserve */
    @JsonProperty("reservations")
    private final Map<UUID, Integer> reservations = new ConcurrentHashMap<>();
    @JsonProperty("confirmed")
    private final Set<UUID> confirmed = ConcurrentHashMap.newKeySet();
    /** 200 on release: released, or already expired */
    @JsonProperty("released")
    private final Set<UUID> released = ConcurrentHashMap.newKeySet();
    @JsonProperty("refused_reserves")
    private final AtomicInteger refusedReserves = new AtomicInteger();
    @JsonProperty("unanswered_receives")
    private final AtomicInteger unansweredReceives = new AtomicInteger();
    @JsonProperty("unanswered_reserves")
    private final AtomicInteger unansweredReserves = new AtomicInteger();
    @JsonProperty("unanswered_confirms")
    private final AtomicInteger unansweredConfirms = new AtomicInteger();
    @JsonProperty("unanswered_releases")
    private final AtomicInteger unansweredReleases = new AtomicInteger();

    @JsonCreator
    public SkuObservations(@JsonProperty("product_id") UUID productId) {
        this.productId = productId;
    }

    public void receiveAnswered(int status, int quantity) {
        if (status == 200) {
            received.addAndGet(quantity);
        } else if (isUnclear(status)) {
            unansweredReceives.incrementAndGet();
        }
    }

    public void reserveAnswered(int status, UUID reservationId, int quantity) {
        if (status == 200 && reservationId != null) {
            reservations.put(reservationId, quantity);
        } else if (status == 409) {
            refusedReserves.incrementAndGet();
        } else if (isUnclear(status)) {
            unansweredReserves.incrementAndGet();
        }
    }

    public void confirmAnswered(int status, UUID reservationId) {
        if (status == 200) {
            confirmed.add(reservationId);
        } else if (isUnclear(status)) {
            unansweredConfirms.incrementAndGet();
        }
    }

    public void releaseAnswered(int status, UUID reservationId) {
        if (status == 200) {
            released.add(reservationId);
        } else if (isUnclear(status)) {
            unansweredReleases.incrementAndGet();
        }
    }

    /** No answer (0) or a server error: the request may or may not have been applied. A 4xx was decided. */
    private static boolean isUnclear(int status) {
        return status == 0 || status >= 500;
    }

    public UUID productId() {
        return productId;
    }

    public int received() {
        return received.get();
    }

    public Map<UUID, Integer> reservations() {
        return reservations;
    }

    public Set<UUID> confirmed() {
        return confirmed;
    }

    public Set<UUID> released() {
        return released;
    }

    public int refusedReserves() {
        return refusedReserves.get();
    }

    public int unansweredReceives() {
        return unansweredReceives.get();
    }

    public int unansweredReserves() {
        return unansweredReserves.get();
    }

    public int unansweredConfirms() {
        return unansweredConfirms.get();
    }

    public int unansweredReleases() {
        return unansweredReleases.get();
    }

    /** Units the clients were told are confirmed: paid for and leaving the warehouse. */
    public long confirmedUnits() {
        return confirmed.stream().mapToLong(id -> reservations.getOrDefault(id, 0)).sum();
    }
}
