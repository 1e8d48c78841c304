package io.stockledger.command.config;

import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerFootprintTest {

    /** An aggregate that says how many entries it holds. */
    static final class Sized implements SizedState {
        private final int entries;

        Sized(int entries) {
            this.entries = entries;
        }

        @Override
        public int stateEntries() {
            return entries;
        }
    }

    /** What Axon's caching repository puts into the cache after a command: the aggregate in Axon's cache entry. */
    private static <T> AggregateCacheEntry<T> cached(T aggregate, Class<T> type) {
        return new AggregateCacheEntry<>(EventSourcedAggregate.initialize(aggregate,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(type), SimpleEventBus.builder().build(),
                NoSnapshotTriggerDefinition.TRIGGER));
    }

    @Test
    void aCachedLedgerWeighsItsBasePlusItsEntries() {
        assertThat(LedgerFootprint.bytesOf(cached(new Sized(0), Sized.class))).isEqualTo(LedgerFootprint.BASE_BYTES);
        assertThat(LedgerFootprint.bytesOf(cached(new Sized(300), Sized.class)))
                .isEqualTo(LedgerFootprint.BASE_BYTES + 300 * LedgerFootprint.BYTES_PER_ENTRY);
    }

    @Test
    void anAggregateThatCannotTellItsSizeWeighsTheBase() {
        assertThat(LedgerFootprint.bytesOf(cached("not sized", String.class))).isEqualTo(LedgerFootprint.BASE_BYTES);
    }

    @Test
    void aLedgerTooLargeToWeighInAnIntWeighsTheMostAnIntHolds() {
        assertThat(LedgerFootprint.bytesOf(new Sized(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
    }
}
