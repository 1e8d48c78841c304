package io.stockledger.command.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls to the dispatcher from a test: sent from a thread of their own, so the test can watch them wait. */
final class GatewayCalls {

    private GatewayCalls() {
    }

    /** Sends from a virtual thread of its own; the answer completes as the gateway's does. */
    static CompletableFuture<Object> sendFromOwnThread(GroupCommitGateway gateway, Object command) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> gateway.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(result);
            }
        }));
        return answer;
    }

    /** The answer, waited for 10 s at most: a caller the dispatcher leaves waiting fails the test instead of hanging it. */
    static Object answerOf(CompletableFuture<?> answer) throws Exception {
        return answer.get(10, TimeUnit.SECONDS);
    }

    /** Waits (10 s at most) until the count reaches {@code expected}, then asserts it is exactly that. */
    static void awaitCount(IntSupplier count, int expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(count.getAsInt()).as(what).isEqualTo(expected);
    }
}
