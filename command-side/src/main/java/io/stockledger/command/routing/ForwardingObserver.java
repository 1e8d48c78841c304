package io.stockledger.command.routing;

/**
 * Told of every command forwarded to its ledger's owner: how long the round trip took, and whether it was lost in
 * transit (the owner left or could not be reached) rather than answered (a refusal is an answer).
 */
@FunctionalInterface
public interface ForwardingObserver {

    ForwardingObserver NONE = (nanos, failed) -> {
    };

    void forwarded(long roundTripNanos, boolean lostInTransit);
}
