package io.stockledger.api.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP cells' load generator, apart from the service: its clients run on platform threads of their own, and the
 * JDK {@code HttpClient} runs its selector and workers on threads it names {@code HttpClient-…}, so the CPU they use
 * can be read per thread and taken out of the JVM's. Over HTTP the load generator costs about as much CPU as the
 * service itself; a real order system sends its requests from its own machines, so a figure for "the service and
 * PostgreSQL" must not carry it. In-process cells keep virtual threads and count everything: there the caller's
 * work (building the command and sending it) is the service's.
 */
final class LoadGenerator {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String CLIENT_THREADS = "load-client-";
    private static final String HTTP_CLIENT_THREADS = "HttpClient-";

    /** CPU nanoseconds of client threads that have finished. */
    private final LongAdder finishedClients = new LongAdder();

    /** Platform threads for the clients, each adding its CPU to the total when its loop ends. */
    ThreadFactory clientThreads() {
        ThreadFactory platform = Thread.ofPlatform().name(CLIENT_THREADS, 0).daemon().factory();
        return work -> platform.newThread(() -> {
            try {
                work.run();
            } finally {
                finishedClients.add(THREADS.getCurrentThreadCpuTime());
            }
        });
    }

    /**
     * CPU nanoseconds so far: of the client threads that have finished (a cell's clients have all finished when it is
     * measured), plus the HttpClient's threads, which live on.
     */
    long cpuNanos() {
        long httpClient = Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds())).filter(Objects::nonNull)
                .filter(thread -> thread.getThreadName().startsWith(HTTP_CLIENT_THREADS))
                .mapToLong(ThreadInfo::getThreadId).map(THREADS::getThreadCpuTime).filter(nanos -> nanos > 0).sum();
        return finishedClients.sum() + httpClient;
    }
}
