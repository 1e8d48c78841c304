package io.stockledger.api.ledger;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The concurrency limit on ledger commands: at most {@code ledger.concurrency.limit} commands in the service at once,
 * counted from admission until the command leaves the gateway (answered, or dropped unwritten after its caller gave
 * up), so the group-commit queues can never hold more. Beyond it a command waits at most
 * {@code ledger.concurrency.max-wait} for a place (none by default) and is then refused at once with a 503 and
 * {@code Retry-After}: shedding early keeps the answers of the admitted ones fast, where queuing would make every
 * caller wait until its deadline.
 *
 * <p>A Resilience4j semaphore bulkhead does the counting. Its state is published as {@code ledger_concurrency_limit},
 * {@code ledger_concurrency_in_flight} and {@code ledger_concurrency_rejected_total}.
 */
@Component
public class LedgerAdmission {

    /** A place taken by one command; given back exactly once. */
    @FunctionalInterface
    public interface Permit {
        void release();
    }

    private final Bulkhead bulkhead;
    private final Counter rejected;

    public LedgerAdmission(@Value("${ledger.concurrency.limit:1000}") int limit,
                           @Value("${ledger.concurrency.max-wait:0s}") Duration maxWait, MeterRegistry registry) {
        if (limit < 1) {
            throw new IllegalArgumentException("ledger.concurrency.limit must be at least 1, was " + limit);
        }
        this.bulkhead = Bulkhead.of("ledger-commands", BulkheadConfig.custom()
                .maxConcurrentCalls(limit)
                .maxWaitDuration(maxWait)
                .fairCallHandlingStrategyEnabled(true)
                .build());
        Gauge.builder("ledger.concurrency.limit", bulkhead,
                        b -> b.getMetrics().getMaxAllowedConcurrentCalls())
                .description("Ledger commands admitted at once at most (LEDGER_CONCURRENCY_LIMIT)")
                .register(registry);
        Gauge.builder("ledger.concurrency.in.flight", bulkhead,
                        b -> b.getMetrics().getMaxAllowedConcurrentCalls() - b.getMetrics().getAvailableConcurrentCalls())
                .description("Ledger commands admitted and not yet answered")
                .register(registry);
        this.rejected = Counter.builder("ledger.concurrency.rejected")
                .description("Ledger commands refused with a 503 because the concurrency limit was reached")
                .register(registry);
    }

    /** Admits one command, or refuses it with {@link LedgerUnavailableException#OVERLOADED}. */
    public Permit admit() {
        if (!bulkhead.tryAcquirePermission()) {
            rejected.increment();
            throw new LedgerUnavailableException(LedgerUnavailableException.OVERLOADED,
                    "the service is at its limit of " + bulkhead.getMetrics().getMaxAllowedConcurrentCalls()
                            + " ledger commands at once; retry shortly", null);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                bulkhead.onComplete();
            }
        };
    }
}
