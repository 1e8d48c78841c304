package io.stockledger.command.ledger;

import io.stockledger.testsupport.ManualClock;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;

/**
 * Base of the ledger's rule tests: a fresh Axon fixture of the ledger for each test, on a clock that stands at
 * {@link #T0} until the test moves it, so reservation deadlines pass exactly when the test says.
 */
abstract class LedgerRuleTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    FixtureConfiguration<StockLedger> fixture;
    ManualClock clock;

    @BeforeEach
    void newFixtureOnAStoppedClock() {
        clock = new ManualClock(T0);
        fixture = LedgerFixtures.withClock(clock);
    }
}
