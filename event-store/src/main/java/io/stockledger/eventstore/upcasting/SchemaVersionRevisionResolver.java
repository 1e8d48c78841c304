package io.stockledger.eventstore.upcasting;

import io.stockledger.events.SchemaId;
import org.axonframework.serialization.RevisionResolver;

/**
 * Records each event's contract version as its payload revision in the event store: {@code inventory.stock.received.v1}
 * is stored with revision {@code 1}. Upcasters then match on (type, revision), and the version stays defined in one
 * place, the {@link SchemaId} of the record.
 */
public class SchemaVersionRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        SchemaId schemaId = payloadType.getAnnotation(SchemaId.class);
        if (schemaId == null) {
            return null;
        }
        String id = schemaId.value();
        return id.substring(id.lastIndexOf(".v") + 2);
    }
}
