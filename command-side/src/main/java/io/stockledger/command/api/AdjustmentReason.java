package io.stockledger.command.api;

/** Why on hand was corrected. Auditors filter the movement journal by these codes. */
public enum AdjustmentReason {
    /** A physical count found a different quantity than the ledger. */
    COUNT_CORRECTION,
    /** Units damaged beyond sale. */
    DAMAGE,
    /** Units lost or stolen. */
    LOSS,
    /** Units found that the ledger did not know about. */
    FOUND,
    /** Units given back by a customer into sellable stock. */
    RETURN_TO_STOCK,
    /** Anything else; the note says what. */
    OTHER
}
