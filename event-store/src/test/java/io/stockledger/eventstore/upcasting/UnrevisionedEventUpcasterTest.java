package io.stockledger.eventstore.upcasting;

import io.stockledger.eventstore.SerializerConfiguration;
import io.stockledger.events.StockReceived;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The root upcaster alone: unrevisioned ledger events become revision 1; everything else passes untouched. */
class UnrevisionedEventUpcasterTest {

    private final UnrevisionedEventUpcaster upcaster = new UnrevisionedEventUpcaster();

    @Test
    void anUnrevisionedLedgerEventBecomesRevisionOneWithItsPayloadUnchanged() {
        String payload = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"quantity\":5}";

        IntermediateEventRepresentation upcast = upcastOne(StockReceived.class.getName(), null, payload);

        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        assertThat(new String(upcast.getData(byte[].class).getData(), StandardCharsets.UTF_8))
                .isEqualTo(payload);
    }

    @Test
    void revisionedAndForeignEventsAreLeftAlone() {
        assertThat(upcastOne(StockReceived.class.getName(), "1", "{}").getType().getRevision()).isEqualTo("1");
        assertThat(upcastOne("com.example.SomethingElse", null, "{}").getType().getRevision()).isNull();
    }

    private IntermediateEventRepresentation upcastOne(String type, String revision, String payload) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("StockLedger", "p:w", 0,
                UUID.randomUUID().toString(), Instant.now(), type, revision,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> result = upcaster.upcast(Stream.of(
                new InitialEventRepresentation(stored, SerializerConfiguration.eventJsonSerializer()))).toList();
        assertThat(result).hasSize(1);
        return result.getFirst();
    }
}
