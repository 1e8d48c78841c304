package io.stockledger.command.api;

import org.axonframework.messaging.MetaData;

import java.util.Map;
import java.util.UUID;

/**
 * Who sent a command and under which trace, carried as command metadata and copied by Axon's correlation into
 * every event the command causes. The aggregate also writes both into the event payload, as the contract asks.
 */
public record CommandOrigin(String actor, String traceId) {

    public static final String ACTOR = "actor";
    public static final String TRACE_ID = "trace_id";
    /** The actor recorded for facts the ledger establishes by itself, such as a reservation running out of time. */
    public static final String LEDGER = "stock-ledger";

    public MetaData toMetaData() {
        return MetaData.from(Map.of(ACTOR, actor, TRACE_ID, traceId));
    }

    public static CommandOrigin from(MetaData metaData) {
        Object actor = metaData.get(ACTOR);
        Object traceId = metaData.get(TRACE_ID);
        return new CommandOrigin(actor == null ? "anonymous" : actor.toString(),
                traceId == null ? UUID.randomUUID().toString() : traceId.toString());
    }
}
