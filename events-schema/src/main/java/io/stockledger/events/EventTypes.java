package io.stockledger.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Looks up the contract names of event types: schema id, subject and the list of all types. */
public final class EventTypes {

    private EventTypes() {
    }

    /** Every event type the ledger writes, in the order they usually occur. */
    public static List<Class<? extends LedgerEvent>> all() {
        return Arrays.stream(LedgerEvent.class.getPermittedSubclasses())
                .<Class<? extends LedgerEvent>>map(type -> type.asSubclass(LedgerEvent.class))
                .toList();
    }

    /**
     * The event type of that simple class name ({@code StockReceived}), as the ledger's history names it in
     * {@code event_type}; empty for a name this version does not know.
     */
    public static Optional<Class<? extends LedgerEvent>> named(String simpleName) {
        return all().stream().filter(type -> type.getSimpleName().equals(simpleName)).findFirst();
    }

    public static String schemaIdOf(Class<? extends LedgerEvent> type) {
        SchemaId id = type.getAnnotation(SchemaId.class);
        if (id == null) {
            throw new IllegalStateException(type.getName() + " has no @SchemaId");
        }
        return id.value();
    }

    /** The NATS subject: the schema id without its trailing {@code .vN}. */
    public static String subjectOf(Class<? extends LedgerEvent> type) {
        String id = schemaIdOf(type);
        return id.substring(0, id.lastIndexOf(".v"));
    }
}
