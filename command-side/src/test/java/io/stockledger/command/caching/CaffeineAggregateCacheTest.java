package io.stockledger.command.caching;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineAggregateCacheTest {

    /** Each value weighs its length: the tests put strings. Evictions and their listeners run in place. */
    private final CaffeineAggregateCache cache = new CaffeineAggregateCache(100, value -> ((String) value).length(),
            Runnable::run);

    @Test
    void entriesLeaveOnceTheirWeightTogetherPassesTheBoundAndListenersHearOfIt() {
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });

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
}
