package io.stockledger.command.ledger;

import io.stockledger.events.EventEnvelope;
import io.stockledger.events.LedgerEvent;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** The Axon test fixture of the ledger's rule tests. */
final class LedgerFixtures {

    private LedgerFixtures() {
    }

    /** A fixture whose ledger reads {@code clock}; expect its events with {@link #events}. */
    static FixtureConfiguration<StockLedger> withClock(Clock clock) {
        FixtureConfiguration<StockLedger> fixture = new AggregateTestFixture<>(StockLedger.class);
        fixture.registerInjectableResource(clock);
        return fixture;
    }

    /**
     * Exactly these events, in this order. Event ids are random, so they are ignored; every other field of every
     * event is compared. (The fixture's own ignored fields cannot reach into an event's envelope.)
     */
    static Matcher<List<Message<?>>> events(Object... expected) {
        List<Object> wanted = Arrays.stream(expected).map(LedgerFixtures::withoutEventId).toList();
        return Matchers.payloadsMatching(new TypeSafeMatcher<List<?>>() {
            @Override
            protected boolean matchesSafely(List<?> written) {
                return written.stream().map(LedgerFixtures::withoutEventId).toList().equals(wanted);
            }

            @Override
            public void describeTo(Description description) {
                description.appendValue(wanted).appendText(" (event ids ignored)");
            }
        });
    }

    /** The event with no event id; anything else as it is. */
    private static Object withoutEventId(Object event) {
        if (!(event instanceof LedgerEvent ledgerEvent)) {
            return event;
        }
        EventEnvelope envelope = ledgerEvent.envelope();
        EventEnvelope anonymous = new EventEnvelope(null, envelope.timestamp(), envelope.traceId(),
                envelope.productId(), envelope.warehouseId(), envelope.requesterId());
        RecordComponent[] components = event.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = types[i] == EventEnvelope.class ? anonymous : components[i].getAccessor().invoke(event);
            }
            return event.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + event, e);
        }
    }
}
