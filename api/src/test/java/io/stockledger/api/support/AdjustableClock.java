package io.stockledger.api.support;

import io.stockledger.testsupport.UtcTestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock plus an offset a test can move forward, so deadlines pass without sleeping. */
public final class AdjustableClock extends UtcTestClock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
