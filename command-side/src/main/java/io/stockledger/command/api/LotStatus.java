package io.stockledger.command.api;

/**
 * A lot's status at a given moment. EXPIRED is derived from the expiry date at that moment, never stored: a lot is
 * usable through its expiry date (UTC) and expired from the next day on. Quarantined and expired units are on hand
 * but blocked: never available and never allocated. A lot both expired and quarantined reports EXPIRED, which no
 * release can undo.
 */
public enum LotStatus {
    ACTIVE,
    QUARANTINED,
    EXPIRED,
    DEPLETED
}
