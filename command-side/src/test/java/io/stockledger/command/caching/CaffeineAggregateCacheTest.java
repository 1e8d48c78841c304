package io.stockledger.command.caching;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineAggregateCacheTest {

    /** Each value weighs its length: the tests put strings. Maintenance runs in place, as the ledger cache's does. */
    private final CaffeineAggregateCache cache = new CaffeineAggregateCache(100, value -> ((String) value).length());

    @Test
    void entriesLeaveOnceTheirWeightTogetherPassesTheBoundAndListenersHearOfIt() {
        List<Object> expired = expiriesOf(cache);

        cache.put("a", "x".repeat(40));
        cache.put("b", "x".repeat(40));
        cache.cleanUp();
        assertThat(cache.weight()).isEqualTo(80);
        assertThat(expired).isEmpty();

        cache.put("c", "x".repeat(40));
        cache.cleanUp();

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.weight()).isEqualTo(80).isLessThanOrEqualTo(cache.maximumWeight());
        assertThat(expired).as("one entry evicted to make room").hasSize(1);
        assertThat(cache.containsKey(expired.get(0))).isFalse();
    }

    @Test
    void replacingAnEntryHandsTheExecutorNoTaskOfItsOwn() {
        List<Runnable> handedOver = new ArrayList<>();
        CaffeineAggregateCache elsewhere = new CaffeineAggregateCache(100, value -> ((String) value).length(),
                handedOver::add);

        for (int change = 0; change < 100; change++) {
            elsewhere.put("ledger", "x".repeat(1 + change % 10));
        }

        // Caffeine's own bookkeeping is handed over once and then waits for that task; a removal listener would add
        // one task per replacement, and Axon replaces a ledger after every change
        assertThat(handedOver).hasSizeLessThan(5);
    }

    @Test
    void evictionsReachTheListenersWhereverMaintenanceRuns() {
        List<Runnable> handedOver = new ArrayList<>();
        CaffeineAggregateCache elsewhere = new CaffeineAggregateCache(100, value -> ((String) value).length(),
                handedOver::add);
        List<Object> expired = expiriesOf(elsewhere);

        elsewhere.put("a", "x".repeat(40));
        elsewhere.put("b", "x".repeat(40));
        elsewhere.put("c", "x".repeat(40));
        elsewhere.cleanUp();

        assertThat(expired).hasSize(1);
        assertThat(elsewhere.weight()).isEqualTo(80);
    }

    @Test
    void anEntryPutAgainIsWeighedAgain() {
        cache.put("a", "x".repeat(10));
        cache.put("a", "x".repeat(50));
        cache.cleanUp();

        assertThat(cache.weight()).isEqualTo(50);
    }

    @Test
    void manyLightEntriesAndOneHeavyFitTogetherUnderTheBound() {
        for (int i = 0; i < 50; i++) {
            cache.put("quiet-" + i, "x");
        }
        cache.put("heavy", "x".repeat(50));
        cache.cleanUp();

        assertThat(cache.size()).as("50 of weight 1 and one of 50 fit a bound of 100").isEqualTo(51);
        assertThat(cache.weight()).isEqualTo(100);
    }

    @Test
    void anEmptyValueStillWeighsOneSoThatItCanBeEvicted() {
        cache.put("empty", "");
        cache.cleanUp();

        assertThat(cache.weight()).isEqualTo(1);
        assertThat(cache.maximumWeight()).isEqualTo(100);
    }

    @Test
    void anEntryHeavierThanTheWholeBoundStaysAndCountsAsHalfOfIt() {
        cache.put("light", "x".repeat(10));
        cache.put("flash sale", "x".repeat(500));
        cache.cleanUp();

        assertThat(cache.containsKey("flash sale")).as("a ledger in use must not be evicted as it is put").isTrue();
        assertThat(cache.weight()).isEqualTo(60);
        assertThat((Object) cache.get("flash sale")).isNotNull();
    }

    @Test
    void lookupsCountHitsAndMisses() {
        cache.put("a", "x");

        assertThat((Object) cache.get("a")).isEqualTo("x");
        assertThat((Object) cache.get("b")).isNull();

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hitRate()).isEqualTo(0.5);
    }

    /** The keys the cache's listeners are told have expired (been evicted), in order. */
    private static List<Object> expiriesOf(CaffeineAggregateCache cache) {
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        return expired;
    }
}
