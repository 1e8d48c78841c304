package io.stockledger.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One task per item on virtual threads, at most a given number at a time: how the seeding, the check and the tests'
 * invariants talk to the service without opening thousands of connections at once.
 */
public final class BoundedConcurrency {

    /** The work for one item. */
    @FunctionalInterface
    public interface Task<T> {
        void run(T item) throws Exception;
    }

    private BoundedConcurrency() {
    }

    /**
     * Runs {@code task} for every item, at most {@code limit} at a time, and returns once all are done; the first
     * failure, in item order, is thrown as the {@link ExecutionException} wrapping it.
     */
    public static <T> void runEach(List<T> items, int limit, Task<T> task) throws InterruptedException, ExecutionException {
        Semaphore inFlight = new Semaphore(limit);
        List<Future<?>> runs = new ArrayList<>(items.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                runs.add(threads.submit(() -> {
                    inFlight.acquire();
                    try {
                        task.run(item);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
    }
}
