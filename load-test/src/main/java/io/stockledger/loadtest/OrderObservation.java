package io.stockledger.loadtest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * What the client of one order was told: the lines it asked for, whether the reserve was granted (200), refused (409)
 * or got no clear answer, and the reservation each line was allocated. The order check holds the ledger against it:
 * an order is entirely reserved or entirely refused. Thread-safe enough for one shopper's visit: written by the visit,
 * read after the run.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class OrderObservation {

    /** What the reserve was answered; null until it was. */
    public enum Answer { GRANTED, REFUSED, UNCLEAR }

    /** A line as asked for: {@code sku} is the SKU's index in the run's catalog. */
    public record Line(@JsonProperty("line_id") String lineId, @JsonProperty("sku") int sku,
                       @JsonProperty("quantity") int quantity) {
    }

    /** A reservation the service answered for a line. */
    public record Allocation(@JsonProperty("line_id") String lineId, @JsonProperty("reservation_id") UUID reservationId,
                             @JsonProperty("quantity") int quantity) {
    }

    @JsonProperty("order_id")
    private final String orderId;
    @JsonProperty("lines")
    private final List<Line> lines;
    @JsonProperty("answer")
    private volatile Answer answer;
    @JsonProperty("allocations")
    private final List<Allocation> allocations = Collections.synchronizedList(new ArrayList<>());

    @JsonCreator
    public OrderObservation(@JsonProperty("order_id") String orderId, @JsonProperty("lines") List<Line> lines) {
        this.orderId = orderId;
        this.lines = List.copyOf(lines);
    }

    /** The reserve was answered 200 with these allocations. */
    public void granted(List<Allocation> allocated) {
        allocations.addAll(allocated);
        answer = Answer.GRANTED;
    }

    public void refused() {
        answer = Answer.REFUSED;
    }

    /** No answer, or a server error: the order may or may not have been reserved (entirely, if at all). */
    public void unclear() {
        answer = Answer.UNCLEAR;
    }

    public String orderId() {
        return orderId;
    }

    public List<Line> lines() {
        return lines;
    }

    /** How the reserve was answered: a visit that never got an answer counts as unclear. */
    public Answer answer() {
        return answer == null ? Answer.UNCLEAR : answer;
    }

    public List<Allocation> allocations() {
        synchronized (allocations) {
            return List.copyOf(allocations);
        }
    }

    /** The SKU index of a line of this order. */
    public int skuOf(String lineId) {
        return lines.stream().filter(line -> line.lineId().equals(lineId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("order " + orderId + " has no line " + lineId))
                .sku();
    }
}
