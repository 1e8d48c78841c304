package io.stockledger.command.config;

import org.axonframework.eventsourcing.AggregateCacheEntry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a cached ledger is estimated to occupy on the heap, the weight by which the aggregate cache is bounded. A
 * ledger's memory goes from a couple of kilobytes (a SKU with its lots and a few remembered requests) to tens of
 * megabytes (a flash sale's open reservations), so a bound by count either leaves most of the heap unused on a large
 * catalogue or lets a few hot ledgers exhaust it. The estimate is linear in the entries a snapshot counts
 * ({@link SizedState}); its two constants were measured on the running service by {@code LedgerFootprintBenchmark}
 * (docs/performance.md, "A cache bounded by memory").
 */
public final class LedgerFootprint {

    /**
     * A ledger with no entries: the aggregate, its maps, Axon's cache entry and wrapper. Measured 690 to 890 bytes
     * with compressed object pointers (any heap under 32 GB), rounded up; 1,150 to 1,280 without them, which the
     * entries' margin below covers for all but a ledger of one or two entries (up to 7% over).
     */
    public static final int BASE_BYTES = 1_024;
    /**
     * One open reservation, remembered request or lot, with its keys and the objects it refers to. Measured 305 bytes
     * (a reservation or a remembered request; an open reservation is one of each), 354 for an order's line (its order
     * and line ids), 375 to 387 for a lot with batch, expiry, location and cost; the largest, rounded up. Since
     * requests share their fingerprints' text, 265 to 320 (and 347 to 398 without compressed object pointers): the
     * margin is kept for heaps of 32 GB or more.
     */
    public static final int BYTES_PER_ENTRY = 400;

    /**
     * Axon's cache entry keeps the aggregate in a private field and offers no getter; Caffeine weighs what Axon puts,
     * so the aggregate is read from there. Resolved once, when the class loads: an Axon upgrade that renames the
     * field fails the service's start and {@code LedgerFootprintTest}, not a later weighing.
     */
    private static final VarHandle AGGREGATE_ROOT = aggregateRootField();

    private LedgerFootprint() {
    }

    /**
     * Estimated bytes of one value of the aggregate cache; anything that is not a sized aggregate weighs the base.
     * Called on every put, so on every change of a cached ledger: a field read and three collection sizes.
     */
    public static int bytesOf(Object cached) {
        Object aggregate = cached instanceof AggregateCacheEntry<?> entry ? AGGREGATE_ROOT.get(entry) : cached;
        long entries = aggregate instanceof SizedState sized ? sized.stateEntries() : 0;
        return (int) Math.min(Integer.MAX_VALUE, BASE_BYTES + entries * BYTES_PER_ENTRY);
    }

    private static VarHandle aggregateRootField() {
        try {
            return MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "aggregateRoot", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry no longer keeps its aggregate in the field "
                    + "'aggregateRoot': the ledger cache cannot weigh ledgers (LedgerFootprint)", e);
        }
    }
}
