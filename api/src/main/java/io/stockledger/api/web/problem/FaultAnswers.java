package io.stockledger.api.web.problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.api.ledger.LedgerUnavailableException;
import io.stockledger.command.fault.LedgerFault;
import io.stockledger.command.fault.LedgerFaultException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The 503 a fault is answered with, wherever it is caught (the controllers' advice, the idempotency filter): code
 * {@code LEDGER_UNAVAILABLE} (nothing was written; retry after {@code Retry-After}) or {@code OUTCOME_UNKNOWN} (retry
 * with the same idempotency key), the reason, and {@code Retry-After}. Each answer is counted in
 * {@code ledger_fault_answers_total{code, reason}}.
 */
@Component
public class FaultAnswers {

    private static final Logger log = LoggerFactory.getLogger(FaultAnswers.class);

    private final MeterRegistry registry;

    public FaultAnswers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Seconds a client should wait before retrying: a database coming back needs a little longer than a queue. */
    public static int retryAfterSeconds(LedgerFaultException fault) {
        return LedgerUnavailableException.DATABASE_UNAVAILABLE.equals(fault.reason()) ? 2 : 1;
    }

    /** The problem document for the fault, counted. */
    public ProblemDetail problem(LedgerFaultException fault, HttpServletRequest request) {
        log.warn("{} ({}): {}", fault.fault().code(), fault.reason(), fault.getMessage(), fault.getCause());
        Counter.builder("ledger.fault.answers")
                .description("Requests answered 503 by kind of fault (code) and reason")
                .tag("code", fault.fault().code())
                .tag("reason", fault.reason())
                .register(registry)
                .increment();
        boolean unknown = fault.fault() == LedgerFault.OUTCOME_UNKNOWN;
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, fault.fault().code(),
                unknown ? "Outcome unknown" : "Ledger unavailable",
                unknown ? fault.getMessage() + ". The request may or may not have taken effect: retry it with the "
                        + "same idempotency key, which answers its outcome if it did and decides it anew if it did not."
                        : fault.getMessage() + ". Nothing was written; retry after Retry-After seconds (with the same "
                        + "idempotency key, which is always safe).", request);
        problem.setProperty("reason", fault.reason());
        return problem;
    }
}
