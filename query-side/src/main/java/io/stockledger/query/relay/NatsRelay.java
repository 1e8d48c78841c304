package io.stockledger.query.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.stockledger.events.EventTypes;
import io.stockledger.events.LedgerId;
import io.stockledger.events.LedgerEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every ledger event, in store order, to the JetStream stream. Runs in its own tracking processor with its
 * own token, which Axon advances only when the whole batch is acknowledged by JetStream: the publishes of a batch go
 * out asynchronously and the batch's unit of work waits for every acknowledgement before it commits. If NATS is down
 * or slow the batch fails, the processor backs off and retries from its last token, and JetStream drops the
 * republished events it already has by their {@code Nats-Msg-Id} (the event id).
 *
 * <p>Each message carries the W3C trace context recorded with its event at command time ({@code traceparent},
 * {@code tracestate}): the span of the request that caused it, so a consumer continues that request's trace, and a
 * republished message carries the same context as the first. Each publish is a {@code publish <subject>} span (the
 * {@code ledger.relay.publish} observation, a timer too) until JetStream's acknowledgement, in the trace of whatever is
 * current: the relay processor's handling of the event, itself a child of the event's recorded context, or an
 * operator's replay request.
 */
@ProcessingGroup(NatsRelay.PROCESSING_GROUP)
public class NatsRelay {

    public static final String PROCESSING_GROUP = "nats-relay";
    private static final String PENDING_ACKS = NatsRelay.class.getName() + ".pendingAcks";
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private final LedgerStream stream;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Counter published;
    private final Counter duplicates;
    private final Counter failures;
    private final ObservationRegistry observations;

    public NatsRelay(LedgerStream stream, MeterRegistry meters, ObservationRegistry observations) {
        this.stream = stream;
        this.observations = observations;
        this.published = Counter.builder("inventory.relay.published")
                .description("Events acknowledged by JetStream").register(meters);
        this.duplicates = Counter.builder("inventory.relay.duplicates")
                .description("Republished events JetStream already had (dropped by Nats-Msg-Id)").register(meters);
        this.failures = Counter.builder("inventory.relay.failures")
                .description("Batches that failed to publish and will be retried").register(meters);
    }

    @EventHandler
    void on(LedgerEvent event, @SequenceNumber long sequence, MetaData metaData)
            throws IOException, JetStreamApiException {
        CompletableFuture<PublishAck> ack;
        try {
            ack = publishAsync(event, sequence, metaData);
        } catch (IOException | JetStreamApiException | RuntimeException unreachable) {
            failures.increment();
            throw unreachable;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<CompletableFuture<PublishAck>> pending = unitOfWork.root().getOrComputeResource(PENDING_ACKS, key -> {
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(committing -> awaitAcknowledgements(acks));
            return acks;
        });
        pending.add(ack);
    }

    /** Publishes one event and waits for its acknowledgement; used by the replay operation. */
    public PublishAck publish(LedgerEvent event, long sequence, MetaData metaData) throws Exception {
        return publishAsync(event, sequence, metaData)
                .get(stream.settings().publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<PublishAck> publishAsync(LedgerEvent event, long sequence, MetaData metaData)
            throws IOException, JetStreamApiException {
        JetStream jetStream = stream.jetStream();
        String subject = EventTypes.subjectOf(event.getClass());
        Headers headers = headersOf(event, sequence, metaData);
        Observation publishing = publishObservation(subject, headers).start();
        try {
            NatsMessage message = NatsMessage.builder()
                    .subject(subject)
                    .headers(headers)
                    .data(json.writeValueAsBytes(event))
                    .build();
            PublishOptions options = PublishOptions.builder()
                    .messageId(event.eventId().toString())
                    .expectedStream(stream.settings().streamName())
                    .build();
            return jetStream.publishAsync(message, options).whenComplete((ack, failure) ->
                    finish(publishing, failure != null ? "failed" : ack.isDuplicate() ? "duplicate" : "published",
                            failure));
        } catch (IOException | RuntimeException failure) {
            finish(publishing, "failed", failure);
            throw failure;
        }
    }

    private static void finish(Observation publishing, String outcome, Throwable failure) {
        publishing.lowCardinalityKeyValue("outcome", outcome);
        if (failure != null) {
            publishing.error(failure);
        }
        publishing.stop();
    }

    /**
     * A producer span: with tracing, Micrometer would write its context into the headers; it may only where the event
     * has no recorded context (one stored before contexts were recorded, or caused by no traced request).
     */
    private Observation publishObservation(String subject, Headers headers) {
        boolean recorded = headers.containsKey(TRACEPARENT);
        SenderContext<Headers> context = new SenderContext<>((carrier, key, value) -> {
            if (!recorded) {
                carrier.put(key, value);
            }
        });
        context.setCarrier(headers);
        context.setRemoteServiceName("nats");
        return Observation.createNotStarted("ledger.relay.publish", () -> context, observations)
                .contextualName("publish " + subject)
                .lowCardinalityKeyValue("subject", subject);
    }

    private Headers headersOf(LedgerEvent event, long sequence, MetaData metaData) {
        Headers headers = new Headers();
        headers.add("ce-specversion", "1.0");
        headers.add("ce-id", event.eventId().toString());
        headers.add("ce-type", EventTypes.schemaIdOf(event.getClass()));
        headers.add("ce-source", stream.settings().source());
        headers.add("ce-time", event.timestamp().toString());
        headers.add("ce-subject", event.productId() + "/" + event.warehouseId());
        headers.add("Content-Type", "application/json");
        headers.add("Ledger-Aggregate-Id", LedgerId.of(event).toString());
        headers.add("Ledger-Sequence", Long.toString(sequence));
        headers.add("Trace-Id", event.traceId());
        for (String key : new String[]{TRACEPARENT, TRACESTATE}) {
            Object value = metaData.get(key);
            if (value != null) {
                headers.add(key, value.toString());
            }
        }
        return headers;
    }

    private void awaitAcknowledgements(List<CompletableFuture<PublishAck>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(stream.settings().publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            for (CompletableFuture<PublishAck> ack : acks) {
                if (ack.join().isDuplicate()) {
                    duplicates.increment();
                } else {
                    published.increment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.increment();
            throw new RelayPublishException("interrupted while waiting for JetStream", e);
        } catch (ExecutionException | TimeoutException e) {
            failures.increment();
            throw new RelayPublishException("JetStream did not acknowledge a batch of " + acks.size()
                    + " events; it will be retried from the last acknowledged one", e);
        } catch (UncheckedIOException e) {
            failures.increment();
            throw e;
        }
    }
}
