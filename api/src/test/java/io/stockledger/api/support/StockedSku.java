package io.stockledger.api.support;

import java.util.UUID;

/** A product in a warehouse that a test has just received stock into: the key of one stock ledger of its own. */
public record StockedSku(UUID product, UUID warehouse) {

    /** The ledger's aggregate identifier, as the event store keys its events and snapshots. */
    public String ledgerId() {
        return product + ":" + warehouse;
    }
}
