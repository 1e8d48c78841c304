package io.stockledger.api.tracing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.LedgerRefusal;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * The {@code ledger.command} span (and timer) around one command the REST layer sends: its dispatch, its wait in its
 * ledger's lane and for a writer, the group-commit write, and the answer. Its tags are the command type and the
 * outcome ({@code success}, {@code refused} or {@code failed}), never a product or warehouse: the timer's series must
 * stay few. The command carries this span's W3C context in its metadata, and so does every event it causes.
 */
@Component
public class CommandObservation {

    public static final String NAME = "ledger.command";

    /** Sends the command with the metadata given and waits for its outcome. */
    @FunctionalInterface
    public interface Dispatch<R> {
        R send(MetaData metaData) throws LedgerRefusal;
    }

    private final ObservationRegistry registry;
    private final TraceContextMetadata traceContext;

    public CommandObservation(ObservationRegistry registry, TraceContextMetadata traceContext) {
        this.registry = registry;
        this.traceContext = traceContext;
    }

    public <R> R observe(Object command, CommandOrigin origin, Dispatch<R> dispatch) throws LedgerRefusal {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .lowCardinalityKeyValue("command", command.getClass().getSimpleName())
                // the ledger's trace id, which is the caller's X-Trace-ID when it sent one: on the span only
                .highCardinalityKeyValue("ledger.trace_id", origin.traceId())
                .start();
        try {
            R outcome;
            try (Observation.Scope ignored = observation.openScope()) {
                outcome = dispatch.send(origin.toMetaData().mergedWith(traceContext.ofCurrentSpan()));
            }
            observation.lowCardinalityKeyValue(outcome("success"));
            return outcome;
        } catch (LedgerRefusal refusal) {
            // a business answer (409, 422), not a failure of the service
            observation.lowCardinalityKeyValue(outcome("refused"));
            throw refusal;
        } catch (RuntimeException failure) {
            // which failure (e.g. LedgerUnavailableException) is the observation's error, and the timer's error tag
            observation.lowCardinalityKeyValue(outcome("failed"));
            observation.error(failure);
            throw failure;
        } finally {
            observation.stop();
        }
    }

    private static KeyValue outcome(String value) {
        return KeyValue.of("outcome", value);
    }
}
