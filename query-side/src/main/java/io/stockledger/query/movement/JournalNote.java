package io.stockledger.query.movement;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuarantined;
import io.stockledger.events.LotUnquarantined;
import io.stockledger.events.PickingPolicyChanged;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;

/**
 * Why a journal row moved what it moved: the {@code reason} column (a reason code, or the new picking policy) and the
 * {@code note} (the operator's text, or where a transfer went). What it moved is the event's effect, not this.
 */
record JournalNote(String reason, String text) {

    private static final JournalNote NONE = new JournalNote(null, null);
    /** The journal's note column holds 500 characters; a refusal message is normally far shorter. */
    private static final int NOTE_LENGTH = 500;

    static JournalNote of(LedgerEvent event) {
        return switch (event) {
            case StockAdjusted adjusted -> new JournalNote(adjusted.reason(), adjusted.note());
            case LotQuarantined quarantined -> new JournalNote(null, quarantined.reason());
            case LotUnquarantined lifted -> new JournalNote(null, lifted.reason());
            case PickingPolicyChanged changed -> new JournalNote(changed.policy(), null);
            case TransferShipped shipped -> new JournalNote(null, "to warehouse " + shipped.toWarehouseId()
                    + ", transfer " + shipped.transferId());
            case TransferReceived received -> new JournalNote(null, "from warehouse " + received.fromWarehouseId()
                    + ", transfer " + received.transferId());
            case TransferReturned returned -> new JournalNote(null, abbreviated("refused by warehouse "
                    + returned.toWarehouseId() + ": " + returned.reason()));
            case StockReceived ignored -> NONE;
            case ReservationRequested ignored -> NONE;
            case ReservationConfirmed ignored -> NONE;
            case ReservationReleased ignored -> NONE;
            case ReservationExpired ignored -> NONE;
        };
    }

    private static String abbreviated(String note) {
        return note.length() <= NOTE_LENGTH ? note : note.substring(0, NOTE_LENGTH - 1) + "…";
    }
}
