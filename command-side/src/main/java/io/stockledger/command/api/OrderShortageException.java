package io.stockledger.command.api;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * Some lines of an order cannot be served from the warehouses they may be taken from, so no line is reserved.
 * {@code INSUFFICIENT_SHELF_LIFE} when every short line would have been covered by stock that does not last long
 * enough; {@code INSUFFICIENT_STOCK} otherwise.
 */
public final class OrderShortageException extends LedgerRefusal {

    /** A line that cannot be served: what it asked for, and what its warehouses could still give it. */
    public record Shortage(String lineId, UUID productId, int requested, long available, boolean shelfLifeOnly)
            implements Serializable {
    }

    private final List<Shortage> shortages;

    public OrderShortageException(List<Shortage> shortages) {
        super(shortages.stream().allMatch(Shortage::shelfLifeOnly) ? RefusalCode.INSUFFICIENT_SHELF_LIFE
                : RefusalCode.INSUFFICIENT_STOCK, describe(shortages));
        this.shortages = List.copyOf(shortages);
    }

    public List<Shortage> shortages() {
        return shortages;
    }

    private static String describe(List<Shortage> shortages) {
        StringBuilder text = new StringBuilder("the order cannot be reserved:");
        for (Shortage shortage : shortages) {
            text.append(" line ").append(shortage.lineId()).append(" requested ").append(shortage.requested())
                    .append(" but only ").append(shortage.available()).append(" available")
                    .append(shortage.shelfLifeOnly() ? " with the shelf life asked for;" : ";");
        }
        text.setLength(text.length() - 1);
        return text.toString();
    }
}
