package io.stockledger.query.movement;

/** The kinds of journal row; the names are what the {@code movement_type} column holds. */
enum MovementType {
    /** Goods in: on hand up. */
    RECEIPT,
    /** A correction of on hand, up or down, with a reason code. */
    ADJUSTMENT,
    /** Units set aside: reserved up. */
    RESERVATION,
    /** A confirmed reservation leaving the warehouse: on hand and reserved down. */
    SHIPMENT,
    /** A reservation given back: reserved down. */
    RELEASE,
    /** A reservation that ran out of time: reserved down. */
    EXPIRY
}
