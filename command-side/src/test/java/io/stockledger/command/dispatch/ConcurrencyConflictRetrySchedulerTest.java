package io.stockledger.command.dispatch;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyConflictRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final ConcurrencyConflictRetryScheduler scheduler =
            new ConcurrencyConflictRetryScheduler(executor, 3, conflicts::incrementAndGet);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aLostAppendRaceIsRetriedAndCounted() throws InterruptedException {
        CountDownLatch resent = new CountDownLatch(1);

        boolean retried = scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new RuntimeException("wrapped", new ConcurrencyException("sequence taken")), failures(1),
                resent::countDown);

        assertThat(retried).isTrue();
        assertThat(resent.await(1, TimeUnit.SECONDS)).as("the command was resent").isTrue();
        assertThat(conflicts).hasValue(1);
    }

    @Test
    void aClashOnTheFirstEventOfANewLedgerIsRetriedToo() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new AggregateStreamCreationException("both opened it"), failures(1), () -> { })).isTrue();
    }

    @Test
    void anythingElseIsNotRetried() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new IllegalStateException("database down"), failures(1), () -> { })).isFalse();
        assertThat(conflicts).hasValue(0);
    }

    @Test
    void retriesStopAfterTheLimit() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConcurrencyException("again"), failures(4), () -> { })).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> history = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            history.add(new Class[] {ConcurrencyException.class});
        }
        return history;
    }
}
