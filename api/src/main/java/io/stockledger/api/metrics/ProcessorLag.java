package io.stockledger.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Optional;
import java.util.OptionalLong;

/** How far a streaming processor is behind the head of the event store, in events. */
public record ProcessorLag(EventStore eventStore, EventProcessingConfiguration processing, String processorName) {

    /** Publishes this lag as {@code inventory_processor_lag{processor=...}}. */
    public ProcessorLag registerGauge(MeterRegistry meters) {
        Gauge.builder("inventory.processor.lag", this, ProcessorLag::eventsBehind)
                .description("Events in the store an event processor has not processed yet")
                .tag("processor", processorName)
                .register(meters);
        return this;
    }

    public long eventsBehind() {
        long head = position(eventStore.createHeadToken()).orElse(0L);
        long processed = processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .filter(OptionalLong::isPresent)
                        .mapToLong(OptionalLong::getAsLong)
                        .min()
                        .orElse(0L))
                .orElse(0L);
        return Math.max(0, head - processed);
    }

    private static Optional<Long> position(TrackingToken token) {
        return token == null || token.position().isEmpty() ? Optional.empty()
                : Optional.of(token.position().getAsLong());
    }
}
