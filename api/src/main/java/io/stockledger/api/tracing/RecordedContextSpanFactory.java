package io.stockledger.api.tracing;

import org.axonframework.messaging.Message;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;

/**
 * Axon's OpenTelemetry spans, except that a message which already carries a {@code traceparent} keeps it.
 *
 * <p>Axon stamps every message it dispatches or publishes with the context of the span current at that moment. Under
 * group commit that is wrong for all but one command of a batch: the batch is written on the thread of the caller
 * that was elected to write it, so every event of the batch would carry that caller's trace. Each command already
 * carries its own request's context ({@link TraceContextMetadata}), and the correlation copies it into the command's
 * events; keeping it ties each event, its read-model update and its NATS message to the request that caused it.
 */
class RecordedContextSpanFactory extends OpenTelemetrySpanFactory {

    RecordedContextSpanFactory(Builder builder) {
        super(builder);
    }

    @Override
    public <M extends Message<?>> M propagateContext(M message) {
        if (message.getMetaData().containsKey(TraceContextMetadata.TRACEPARENT)) {
            return message;
        }
        return super.propagateContext(message);
    }
}
