package io.stockledger.testsupport;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test controls, always in UTC as the ledger is: subclasses say only what the time is. Asking for another
 * zone returns the same clock, so code under test cannot step off the test's time by changing zone.
 */
public abstract class UtcTestClock extends Clock {

    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone) {
        return this;
    }
}
