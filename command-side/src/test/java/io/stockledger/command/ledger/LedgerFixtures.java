package io.stockledger.command.ledger;

import io.stockledger.events.EventTypes;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.time.Clock;

/** The Axon test fixture of the ledger's rule tests. */
final class LedgerFixtures {

    private LedgerFixtures() {
    }

    /**
     * A fixture whose ledger reads {@code clock}. Event ids are random, so they are ignored; every other field of
     * every event is compared.
     */
    static FixtureConfiguration<StockLedger> withClock(Clock clock) {
        FixtureConfiguration<StockLedger> fixture = new AggregateTestFixture<>(StockLedger.class);
        fixture.registerInjectableResource(clock);
        EventTypes.all().forEach(type -> fixture.registerIgnoredField(type, "eventId"));
        return fixture;
    }
}
