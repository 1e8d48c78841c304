package io.stockledger.api.tracing;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The W3C trace context of the current span ({@code traceparent}, and {@code tracestate} when there is one), as
 * command metadata. The command side copies it into every event the command causes ({@link TracingConfiguration}
 * registers the correlation), so the relay can hand it on with each NATS message and a consumer can continue the
 * trace, however long after the request the event is published.
 */
@Component
public class TraceContextMetadata {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final Set<String> KEYS = Set.of(TRACEPARENT, TRACESTATE);

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContextMetadata(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Empty when there is no current span or propagation is off. */
    public MetaData ofCurrentSpan() {
        TraceContext current = tracer.currentTraceContext().context();
        if (current == null) {
            return MetaData.emptyInstance();
        }
        Map<String, String> entries = new HashMap<>(4);
        // only the trace context itself: baggage, if any, is no part of an event
        propagator.inject(current, entries, (carrier, key, value) -> {
            if (KEYS.contains(key)) {
                carrier.put(key, value);
            }
        });
        return MetaData.from(entries);
    }
}
