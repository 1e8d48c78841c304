package io.stockledger.query;

import java.util.UUID;

/**
 * Three reservations, one for each way a reservation ends: shipped (confirmed), cancelled (released) and lapsed
 * (expired). The projections' tests walk all three through a read model, which must treat each end in its own way.
 */
public record ReservationEndings(UUID shipped, UUID cancelled, UUID lapsed) {

    public static ReservationEndings fresh() {
        return new ReservationEndings(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }
}
