package io.stockledger.command.config;

/** An aggregate that can tell how much state a snapshot of it holds. */
public interface SizedState {

    /** The number of entries (reservations, remembered requests, lots...) a snapshot of it serialises. */
    int stateEntries();
}
