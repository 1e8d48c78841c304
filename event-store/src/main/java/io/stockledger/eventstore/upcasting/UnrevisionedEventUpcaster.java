package io.stockledger.eventstore.upcasting;

import io.stockledger.events.EventTypes;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The root of the upcaster chain: events written before payload revisions were recorded (revision {@code null}) are
 * revision 1 of their contract, whose shape they already have. Every later upcaster (v1 to v2, ...) can therefore
 * match on an explicit revision; without this one, an old unrevisioned event would slip past a v1-to-v2 upcaster and
 * be read as if it were v2. docs/events.md shows how a v1-to-v2 upcaster follows it.
 */
public class UnrevisionedEventUpcaster extends SingleEventUpcaster {

    private static final Set<String> LEDGER_EVENT_TYPES = EventTypes.all().stream()
            .map(Class::getName).collect(Collectors.toUnmodifiableSet());

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().getRevision() == null && LEDGER_EVENT_TYPES.contains(event.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), "1"), byte[].class,
                Function.identity());
    }
}
