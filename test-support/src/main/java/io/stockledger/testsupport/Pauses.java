package io.stockledger.testsupport;

import java.time.Duration;

/** Pauses a test makes on purpose: to keep a load going at a pace, or to give a server time it is owed. */
public final class Pauses {

    private Pauses() {
    }

    /** Sleeps for the duration; an interrupt ends the pause early and stays set, for the caller's loop to see. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
