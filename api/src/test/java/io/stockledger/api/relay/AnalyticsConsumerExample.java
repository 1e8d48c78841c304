package io.stockledger.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The consumer example of docs/consumer.md, compiled and run by {@link AnalyticsConsumerExampleTest}: a durable pull
 * consumer that reads every ledger event, hands it on, and acknowledges it. The durable name keeps its position on
 * the server, so a restarted consumer continues where it stopped. Each event is handled in a span that continues
 * the trace of the request that caused it, from the message's W3C {@code traceparent} header.
 */
public final class AnalyticsConsumerExample {

    /** Reads W3C trace context headers from a NATS message. */
    private static final TextMapGetter<Headers> NATS_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return headers.keySet();
        }

        @Override
        public String get(Headers headers, String key) {
            return headers == null ? null : headers.getFirst(key);
        }
    };

    private AnalyticsConsumerExample() {
    }

    /** Reads until a fetch comes back empty; returns how many events it handled. */
    public static int drain(String natsUrl, String durableName, Tracer tracer, Consumer<JsonNode> handle)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        int handled = 0;
        try (Connection connection = Nats.connect(natsUrl)) {
            JetStream jetStream = connection.jetStream();
            PullSubscribeOptions options = PullSubscribeOptions.builder()
                    .stream("INVENTORY")
                    .durable(durableName)
                    .build();
            JetStreamSubscription subscription = jetStream.subscribe("inventory.>", options);
            while (true) {
                List<Message> batch = subscription.fetch(100, Duration.ofSeconds(1));
                if (batch.isEmpty()) {
                    return handled;
                }
                for (Message message : batch) {
                    JsonNode event = json.readTree(message.getData());
                    // continue the trace of the request that caused the event
                    Context cause = W3CTraceContextPropagator.getInstance()
                            .extract(Context.root(), message.getHeaders(), NATS_HEADERS);
                    Span span = tracer.spanBuilder("analytics " + message.getSubject())
                            .setParent(cause).setSpanKind(SpanKind.CONSUMER).startSpan();
                    try (Scope ignored = span.makeCurrent()) {
                        // event.get("event_id") is unique: store it with your result to make handling idempotent
                        handle.accept(event);
                        message.ack();
                        handled++;
                    } finally {
                        span.end();
                    }
                }
            }
        }
    }
}
