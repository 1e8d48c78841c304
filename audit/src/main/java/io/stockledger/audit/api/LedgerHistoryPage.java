package io.stockledger.audit.api;

import java.util.List;

/**
 * One page of a ledger's events. {@code nextFromSequence} is where the next page starts (the sequence number after
 * the last event here) when more events match, else null. A ledger's sequence numbers never change once written,
 * so following it walks the history exactly once however many events are appended meanwhile.
 */
public record LedgerHistoryPage(List<LedgerEventView> events, Long nextFromSequence) {

    public LedgerHistoryPage {
        events = List.copyOf(events);
    }
}
