package io.stockledger.command.dispatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog with real threads and short limits: a stuck write is interrupted, one that ends in time is not. */
class WriteWatchdogTest {

    private final WriteWatchdog watchdog = new WriteWatchdog(Duration.ofMillis(20), Duration.ofMillis(60));

    @AfterEach
    void stop() {
        watchdog.close();
    }

    @Test
    void aWriteThatTakesLongerThanTheTimeoutIsInterruptedAndItsThreadForgetsTheInterruptAfterwards()
            throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        boolean[] interrupted = new boolean[2];
        Thread writer = Thread.ofVirtual().start(() -> {
            try (WriteWatchdog.Watch watch = watchdog.watch(() -> "a stuck write")) {
                interrupted[0] = !never.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
            interrupted[1] = Thread.currentThread().isInterrupted();
        });
        assertThat(writer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(interrupted[0]).as("the stuck write was interrupted, not left to wait 10 s").isTrue();
        assertThat(interrupted[1]).as("no interrupt left behind for the thread's next work").isFalse();
    }

    @Test
    void aWriteThatEndsInTimeIsLeftAloneEvenPastTheWarning() throws Exception {
        boolean[] interrupted = new boolean[1];
        Thread writer = Thread.ofVirtual().start(() -> {
            try (WriteWatchdog.Watch watch = watchdog.watch(() -> "a slow write")) {
                Thread.sleep(30); // past the warning, before the timeout
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
            try {
                Thread.sleep(100); // past where the timeout would have been
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
        });
        assertThat(writer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(interrupted[0]).isFalse();
    }
}
