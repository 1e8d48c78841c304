package io.stockledger.command.api;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    /** RFC 9562: the first 48 bits of a version 7 id are the Unix time in milliseconds. */
    private static long millisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    @Test
    void anIdIsAVersion7UuidThatCarriesTheMillisecondItWasMadeIn() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).as("the RFC's variant").isEqualTo(2);
        assertThat(millisOf(id)).isBetween(before, after);
    }

    @Test
    void idsMadeInLaterMillisecondsSortAfterEarlierOnesAsPostgresComparesThem() throws InterruptedException {
        UUID earlier = TimeOrderedIds.next();
        Thread.sleep(2);
        UUID later = TimeOrderedIds.next();

        // PostgreSQL orders uuid values by their bytes, unsigned; the text form sorts the same way
        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }

    @Test
    void idsMadeInTheSameMillisecondAreNotNeighboursThatCouldBeGuessedFromOneAnother() {
        List<UUID> ids = IntStream.range(0, 1_000).mapToObj(i -> TimeOrderedIds.next()).toList();

        int sameMillisecond = 0;
        for (int i = 1; i < ids.size(); i++) {
            UUID previous = ids.get(i - 1);
            UUID id = ids.get(i);
            if (millisOf(previous) == millisOf(id)) {
                sameMillisecond++;
                assertThat(id.getLeastSignificantBits() - previous.getLeastSignificantBits())
                        .as("%s right after %s", id, previous).isNotEqualTo(1L);
            }
        }
        assertThat(sameMillisecond).as("pairs made in the same millisecond, the case under test").isPositive();
    }

    @Test
    void manyIdsFromManyThreadsAreAllDifferent() {
        Set<UUID> ids = Collections.synchronizedSet(new HashSet<>());
        IntStream.range(0, 200_000).parallel().forEach(i -> ids.add(TimeOrderedIds.next()));

        assertThat(ids).hasSize(200_000);
    }
}
