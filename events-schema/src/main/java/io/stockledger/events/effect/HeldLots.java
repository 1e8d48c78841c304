package io.stockledger.events.effect;

import io.stockledger.events.LotQuantity;

import java.util.List;
import java.util.UUID;

/**
 * The lots a pending reservation holds, as its reservation request allocated them. A confirmation needs them: it
 * lists the lots it consumed, which are not always those it held (a held lot blocked meanwhile is stood in for), and
 * it gives back what was held.
 */
@FunctionalInterface
public interface HeldLots {

    /** The lots held by the reservation, or null when they are not known (then its units count in the default lot). */
    List<LotQuantity> heldBy(UUID reservationId);
}
