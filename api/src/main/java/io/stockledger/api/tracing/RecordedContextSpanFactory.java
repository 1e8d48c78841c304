package io.stockledger.api.tracing;

import org.axonframework.messaging.Message;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;

import java.util.function.Supplier;

/**
 * Axon's OpenTelemetry spans, except that a message which already carries a {@code traceparent} keeps it, and that an
 * internal span is made only inside a span that is recorded.
 *
 * <p>Axon stamps every message it dispatches or publishes with the context of the span current at that moment. Under
 * group commit that is wrong for all but one command of a batch: the batch is written on the thread of the caller
 * that was elected to write it, so every event of the batch would carry that caller's trace. Each command already
 * carries its own request's context ({@link TraceContextMetadata}), and the correlation copies it into the command's
 * events; keeping it ties each event, its read-model update and its NATS message to the request that caused it.
 *
 * <p>Internal spans are the steps inside a handling (Axon wraps every handler method in one). Under a span that is not
 * recorded (nine requests in ten, by the sampling) they would not be recorded either, yet each still costs a span, a
 * context switch and the MDC's update, per handler, per event. With no span at all they would each start a trace of
 * their own: a read-model rebuild, which calls the projections' handlers directly, made five root traces per event it
 * replayed, a tenth of them exported.
 */
class RecordedContextSpanFactory extends OpenTelemetrySpanFactory {

    RecordedContextSpanFactory(Builder builder) {
        super(builder);
    }

    @Override
    public Span createInternalSpan(Supplier<String> operationNameSupplier) {
        return insideARecordedSpan() ? super.createInternalSpan(operationNameSupplier)
                : NoOpSpanFactory.INSTANCE.createInternalSpan(operationNameSupplier);
    }

    @Override
    public Span createInternalSpan(Supplier<String> operationNameSupplier, Message<?> message) {
        return insideARecordedSpan() ? super.createInternalSpan(operationNameSupplier, message)
                : NoOpSpanFactory.INSTANCE.createInternalSpan(operationNameSupplier, message);
    }

    private static boolean insideARecordedSpan() {
        return io.opentelemetry.api.trace.Span.current().isRecording();
    }

    @Override
    public <M extends Message<?>> M propagateContext(M message) {
        if (message.getMetaData().containsKey(TraceContextMetadata.TRACEPARENT)) {
            return message;
        }
        return super.propagateContext(message);
    }
}
