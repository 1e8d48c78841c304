package io.stockledger.command.caching;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * A bounded, strongly referenced aggregate cache. Axon 4.13 has no size-bounded cache of its own, and its
 * weak-reference cache drops hot aggregates at garbage collection; reloading a busy SKU then costs seconds.
 * The bound is a total weight, each entry weighed when it is put (Axon puts a ledger again after every change, so its
 * weight follows its state); the least used leave when it is reached.
 */
public final class CaffeineAggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> entries;
    private final Policy.Eviction<Object, Object> eviction;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder hitCount = new LongAdder();
    private final LongAdder missCount = new LongAdder();

    /**
     * @param maximumWeight the most the entries may weigh together
     * @param weigher       an entry's weight (for the ledger cache, its estimated bytes); counted as at least 1, since
     *                      Caffeine never evicts an entry of weight 0, and at most half the maximum (below)
     */
    public CaffeineAggregateCache(long maximumWeight, ToIntFunction<Object> weigher) {
        this(maximumWeight, weigher, Runnable::run);
    }

    /**
     * @param maintenance where Caffeine applies its buffered reads and writes to the eviction order and evicts. The
     *                    ledger cache does it on the thread that just put or read a ledger: Axon puts a ledger after
     *                    every change, and handing each put's few microseconds of bookkeeping to the common pool cost
     *                    more in waking a pool thread (and parking it again) than the bookkeeping itself. A test
     *                    hands it elsewhere to check that evictions still reach the listeners.
     */
    CaffeineAggregateCache(long maximumWeight, ToIntFunction<Object> weigher, Executor maintenance) {
        // Caffeine evicts an entry heavier than the whole bound as soon as it is put. For a flash sale's ledger, in
        // use by every command, that would mean a load from the store before each one; it is counted at half the
        // bound instead, so it stays and the least used others make room.
        int heaviest = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maximumWeight / 2));
        this.cache = Caffeine.newBuilder()
                .executor(maintenance)
                .maximumWeight(maximumWeight)
                .weigher((Object key, Object value) -> Math.clamp(weigher.applyAsInt(value), 1, heaviest))
                // an eviction listener, not a removal listener: Caffeine runs a removal listener as a task of its
                // own for every removal, and Axon's put of a changed ledger is one (a replacement). Explicit
                // removals are told to the listeners by remove() below.
                .evictionListener((Object key, Object value, RemovalCause cause) ->
                        listeners.forEach(listener -> listener.onEntryExpired(key)))
                .build();
        this.entries = cache.asMap();
        this.eviction = cache.policy().eviction().orElseThrow();
    }

    /**
     * Share of ledger loads answered from memory since start. Counted on Axon's lookups ({@link #get}); a miss means
     * a load from snapshot and events.
     */
    public double hitRate() {
        long hits = hits();
        long lookups = hits + misses();
        return lookups == 0 ? 1.0 : (double) hits / lookups;
    }

    public long hits() {
        return hitCount.sum();
    }

    /** Lookups that found no ledger: each is a load from snapshot and events, or a new SKU's first command. */
    public long misses() {
        return missCount.sum();
    }

    /** Entries held now (Caffeine's estimate: evictions may still be pending). */
    public long size() {
        return cache.estimatedSize();
    }

    /** What the entries held weigh together, as their weigher found them when they were put. */
    public long weight() {
        return eviction.weightedSize().orElse(0L);
    }

    /** The most the entries may weigh together ({@code ledger.cache.max-memory} for the ledger cache). */
    public long maximumWeight() {
        return eviction.getMaximum();
    }

    /** Runs Caffeine's pending maintenance (evictions) now rather than on its executor: for tests and benchmarks. */
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        V value = (V) entries.get(key);
        if (value != null) {
            hitCount.increment();
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        } else {
            missCount.increment();
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        Object previous = entries.put(key, value);
        listeners.forEach(listener -> {
            if (previous == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = entries.putIfAbsent(key, value) == null;
        if (added) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
