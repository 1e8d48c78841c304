package io.stockledger.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** Fires many calls at once (each on its own virtual thread, released together) and tallies their results. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs {@code call(i)} for i in 0..count-1 all at once; returns how many gave each result. */
    public static <R> Map<R, Long> tally(int count, IntFunction<R> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<R>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
        }
        List<R> results = new ArrayList<>();
        for (Future<R> outcome : outcomes) {
            results.add(outcome.get());
        }
        return results.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
