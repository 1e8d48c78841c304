package io.stockledger.events;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A ledger: one product in one warehouse. Its text, {@code <product_id>:<warehouse_id>}, is the aggregate identifier
 * in the event store and the {@code Ledger-Aggregate-Id} header on the stream; this is the one place that writes and
 * reads it.
 */
public record LedgerId(UUID productId, UUID warehouseId) {

    /** Between the product id and the warehouse id in the text. */
    public static final char SEPARATOR = ':';

    public LedgerId {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(warehouseId, "warehouseId");
    }

    /** The ledger an event belongs to. */
    public static LedgerId of(LedgerEvent event) {
        return new LedgerId(event.productId(), event.warehouseId());
    }

    /** The text of the ledger of this product in this warehouse. */
    public static String format(UUID productId, UUID warehouseId) {
        return productId.toString() + SEPARATOR + warehouseId;
    }

    /** Reads a ledger's text; {@link IllegalArgumentException} when it is not one. */
    public static LedgerId parse(String text) {
        return parse(text, LedgerId::new);
    }

    /** Reads a ledger's text into another type that holds the two ids (a command side's own id type, say). */
    public static <T> T parse(String text, BiFunction<UUID, UUID, T> into) {
        int separator = text.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("not a stock ledger id: " + text);
        }
        return into.apply(UUID.fromString(text.substring(0, separator)),
                UUID.fromString(text.substring(separator + 1)));
    }

    /** The ledger, or empty when the text names none (an aggregate of another kind). */
    public static Optional<LedgerId> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException notALedger) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return format(productId, warehouseId);
    }
}
