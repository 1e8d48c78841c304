package io.stockledger.api.metrics;

import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Part of readiness: the read-model processor must be running and not stuck on an error, or GETs would answer from
 * stale tables. Other processors (the NATS relay) are reported but do not make the service unready: the relay has its
 * own DEGRADED health component.
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean readModelsHealthy = false;
        for (var entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            boolean erroring = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
            details.put(entry.getKey(), Map.of(
                    "running", processor.isRunning(),
                    "error", erroring,
                    "segments_claimed", processor.processingStatus().size(),
                    "replaying", processor.isReplaying()));
            if (entry.getKey().equals(ReadModelConfiguration.READ_MODELS)) {
                readModelsHealthy = processor.isRunning() && !erroring;
            }
        }
        return (readModelsHealthy ? Health.up() : Health.down()).withDetails(details).build();
    }
}
