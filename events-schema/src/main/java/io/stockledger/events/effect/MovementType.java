package io.stockledger.events.effect;

/**
 * What kind of stock movement an event is. The names are part of the HTTP contract (the movement journal's
 * {@code movement_type}, and the values a journal filter may name): add, never rename.
 */
public enum MovementType {
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
    EXPIRY,
    /** A lot blocked: nothing moves, its unreserved units count as blocked. */
    QUARANTINE,
    /** A lot's quarantine lifted: nothing moves, its units are available again unless expired. */
    UNQUARANTINE,
    /** The SKU's picking policy changed: nothing moves. */
    POLICY_CHANGE,
    /** Stock shipped to another warehouse: on hand down, in transit up. */
    TRANSFER_OUT,
    /** A transfer received from another warehouse: on hand up. */
    TRANSFER_IN,
    /** A refused transfer taken back by its source: on hand up. */
    TRANSFER_RETURN
}
