package io.stockledger.command.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RestingExecutorTest {

    @Test
    void theThreadRestsInProportionToEachTaskBeforeTheNextStarts() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        List<Long> starts = new ArrayList<>();
        RestingExecutor resting = new RestingExecutor(thread, 3);
        for (int i = 0; i < 2; i++) {
            resting.execute(() -> {
                starts.add(System.nanoTime());
                LockSupportSleep.millis(50);
            });
        }
        thread.shutdown();
        assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // a lower bound only: the second task cannot start before 50 ms of work and 150 ms of rest have passed
        assertThat(starts).hasSize(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(200);
    }

    private static final class LockSupportSleep {
        static void millis(long millis) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
            }
        }
    }
}
