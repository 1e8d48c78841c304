package io.stockledger.command.routing;

import org.axonframework.commandhandling.distributed.ConsistentHash;
import org.axonframework.commandhandling.distributed.ConsistentHashChangeListener;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * When members join or leave, ledgers change owner. A ledger this instance gains may sit in its cache from an earlier
 * time it owned it, behind what the previous owner wrote since; one it loses would only take memory. Either way the
 * cached copies are dropped, and the ledgers it owns now are loaded fresh on their next command. (The store's unique
 * key keeps a stale copy from writing over newer events regardless; dropping them spares the failed append.)
 */
public final class OwnershipChanges implements ConsistentHashChangeListener {

    private static final Logger log = LoggerFactory.getLogger(OwnershipChanges.class);

    private final Cache ledgers;
    private final AtomicInteger changes = new AtomicInteger();
    private volatile int members;

    public OwnershipChanges(Cache ledgers) {
        this.ledgers = ledgers;
    }

    @Override
    public void onConsistentHashChanged(ConsistentHash newConsistentHash) {
        int now = newConsistentHash.getMembers().size();
        if (now != members) {
            log.info("ledger owners changed: {} member(s) now", now);
        }
        members = now;
        changes.incrementAndGet();
        ledgers.removeAll();
    }

    /** How often the owners changed since start. */
    public int changes() {
        return changes.get();
    }

    /** Members in the consistent hash, this instance included. */
    public int members() {
        return members;
    }
}
