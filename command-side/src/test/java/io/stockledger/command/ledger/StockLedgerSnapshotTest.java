package io.stockledger.command.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentReason;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.MovementOutcome;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReservationExpiredException;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReservationNotPendingException;
import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLevels;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.StockReceived;
import io.stockledger.testsupport.ManualClock;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ledger written as a snapshot by Axon's {@link JacksonSerializer} and read back is the same ledger: same levels,
 * same memory of requests and reservations, field for field, and it answers every later command exactly as the
 * original does.
 */
class StockLedgerSnapshotTest {

    private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofHours(25));
    private static final StockLedgerId SKU = new StockLedgerId(new UUID(0x5A, 1), new UUID(0x5A, 2));
    private static final MetaData ORIGIN = new CommandOrigin("snapshot-test", "trace-snapshot").toMetaData();

    private static final UUID FORGOTTEN = new UUID(0xF, 0);
    private static final UUID CONFIRMED = new UUID(0xA, 0);
    private static final UUID RELEASED = new UUID(0xB, 0);
    private static final UUID EXPIRED = new UUID(0xC, 0);
    private static final UUID PENDING_D = new UUID(0xD, 0);
    private static final UUID PENDING_E = new UUID(0xE, 0);

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    private ManualClock clock;
    private Ledger original;

    /**
     * A ledger with history: a reservation settled and forgotten a day ago, then stock received and adjusted, one
     * reservation confirmed, one released, one expired (recorded by a later adjustment), two still pending.
     */
    @BeforeEach
    void busyLedger() {
        clock = new ManualClock(T0);
        original = Ledger.fresh(clock);
        original.succeed(new ReceiveStock(SKU, 100, new BigDecimal("2.50"), "recv-1"));
        original.succeed(reserve(FORGOTTEN, 5, 600, "res-f"));
        original.succeed(new ReleaseReservation(SKU, FORGOTTEN));
        clock.set(T1);
        original.succeed(new ReceiveStock(SKU, 20, null, "recv-2"));           // forgets recv-1, res-f and F
        original.succeed(reserve(CONFIRMED, 10, 600, "res-a"));
        original.succeed(reserve(RELEASED, 20, 3_600, "res-b"));
        original.succeed(reserve(EXPIRED, 5, 120, "res-c"));
        original.succeed(reserve(PENDING_D, 7, 900, "res-d"));
        original.succeed(reserve(PENDING_E, 3, 1_800, "res-e"));
        original.succeed(new AdjustStock(SKU, -4, AdjustmentReason.DAMAGE, "crushed", "adj-1"));
        original.succeed(new ConfirmReservation(SKU, CONFIRMED));
        original.succeed(new ReleaseReservation(SKU, RELEASED));
        clock.advance(Duration.ofSeconds(200));
        Outcome found = original.handle(new AdjustStock(SKU, 2, AdjustmentReason.FOUND, null, "adj-2"));
        assertThat(found.events()).hasSize(2).first().isInstanceOf(ReservationExpired.class);

        // 100 + 20 - 4 + 2 - 10 on hand; D and E reserved; A, B, C, D, E and 8 keys remembered
        assertThat(original.root().levels()).isEqualTo(new StockLevels(108, 10, 98));
        assertThat(original.root().rememberedReservations()).isEqualTo(5);
        assertThat(original.root().rememberedRequests()).isEqualTo(8);
    }

    @Test
    void aSnapshotRestoresTheSameLedgerFieldForField() throws Exception {
        SerializedObject<byte[]> snapshot = serializer.serialize(original.root(), byte[].class);
        assertThat(snapshot.getType().getName()).isEqualTo(StockLedger.class.getName());

        StockLedger restored = serializer.deserialize(snapshot);

        assertThat(restored).isNotSameAs(original.root());
        assertThat(restored.levels()).isEqualTo(new StockLevels(108, 10, 98));
        assertThat(restored.rememberedRequests()).isEqualTo(8);
        assertThat(restored.rememberedReservations()).isEqualTo(5);
        // the deadline index is derived from the pending reservations and rebuilt on first use, not stored
        assertThat(restored).usingRecursiveComparison().ignoringFields("reservations.pendingByDeadline")
                .isEqualTo(original.root());
        // the settled keys must come back in the order they settled: forgetting walks them from the head
        JsonNode written = mapper.readTree(snapshot.getData());
        JsonNode rewritten = mapper.readTree(serializer.serialize(restored, byte[].class).getData());
        assertThat(rewritten).isEqualTo(written);
        assertThat(written.at("/requests/settledInOrder").findValuesAsText("key"))
                .containsExactly("recv-2", "adj-1", "res-a", "res-b", "res-c", "adj-2");
        assertThat(written.at("/reservations/pending").size() + written.at("/reservations/settled").size())
                .isEqualTo(5);
    }

    @Test
    void theRestoredLedgerAnswersEveryLaterCommandAsTheOriginalDoes() {
        SerializedObject<byte[]> snapshot = serializer.serialize(original.root(), byte[].class);
        Ledger restored = Ledger.restored(serializer.deserialize(snapshot), clock, original.version());

        // retries are still recognised, and answered with the first answer
        ReservationOutcome retried = (ReservationOutcome) both(restored,
                reserve(UUID.randomUUID(), 7, 900, "res-d")).result();
        assertThat(retried.reservationId()).isEqualTo(PENDING_D);
        assertThat(retried.replayed()).isTrue();
        MovementOutcome receivedAgain = (MovementOutcome) both(restored,
                new ReceiveStock(SKU, 20, null, "recv-2")).result();
        assertThat(receivedAgain.replayed()).isTrue();
        assertThat(receivedAgain.eventId()).isEqualTo(original.firstEventWithKey("recv-2"));
        assertThat(((MovementOutcome) both(restored,
                new AdjustStock(SKU, -4, AdjustmentReason.DAMAGE, "crushed", "adj-1")).result()).replayed()).isTrue();
        assertThat(both(restored, reserve(UUID.randomUUID(), 8, 900, "res-d")).refusal())
                .isInstanceOf(IdempotencyKeyReusedException.class);

        // settled reservations stay settled
        assertThat(((ReservationOutcome) both(restored, new ConfirmReservation(SKU, CONFIRMED)).result()).replayed())
                .isTrue();
        assertThat(both(restored, new ConfirmReservation(SKU, RELEASED)).refusal())
                .isInstanceOf(ReservationNotPendingException.class);
        assertThat(((ReservationOutcome) both(restored, new ReleaseReservation(SKU, EXPIRED)).result()).status())
                .isEqualTo(ReservationStatus.EXPIRED);
        assertThat(both(restored, new ConfirmReservation(SKU, EXPIRED)).refusal())
                .isInstanceOf(ReservationExpiredException.class);
        assertThat(both(restored, new ReleaseReservation(SKU, FORGOTTEN)).refusal())
                .isInstanceOf(ReservationNotFoundException.class);

        // pending ones still count against stock, can be confirmed, and still expire on time
        assertThat(both(restored, reserve(UUID.randomUUID(), 99, 60, "res-g")).refusal())
                .isInstanceOf(InsufficientStockException.class);
        assertThat(both(restored, new ConfirmReservation(SKU, PENDING_D)).events())
                .singleElement().isInstanceOf(ReservationConfirmed.class);
        clock.set(T1.plusSeconds(1_800));                                       // E's deadline
        Outcome late = both(restored, new ConfirmReservation(SKU, PENDING_E));
        assertThat(late.refusal()).isInstanceOf(ReservationExpiredException.class);
        assertThat(late.events()).singleElement().isInstanceOf(ReservationExpired.class);
        assertThat(restored.root().levels()).isEqualTo(new StockLevels(101, 0, 101));

        // and the memory the snapshot carried is forgotten on schedule
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(both(restored, new ReceiveStock(SKU, 1, null, "recv-3")).events())
                .singleElement().isInstanceOf(StockReceived.class);
        assertThat(restored.root().rememberedReservations()).isZero();
        assertThat(restored.root().rememberedRequests()).isEqualTo(1);
        assertThat(restored.root()).usingRecursiveComparison().ignoringFieldsMatchingRegexes(".*eventId")
                .isEqualTo(original.root());
    }

    @Test
    void aLedgerThatNeverHandledAnythingRoundTrips() {
        StockLedger empty = new StockLedger();

        StockLedger restored = serializer.deserialize(serializer.serialize(empty, byte[].class));

        assertThat(restored.levels()).isEqualTo(new StockLevels(0, 0, 0));
        assertThat(restored.rememberedRequests()).isZero();
        assertThat(restored.rememberedReservations()).isZero();
        assertThat(restored).usingRecursiveComparison().isEqualTo(empty);
    }

    /** Hands the same command to the original and the restored ledger; both must answer and write the same. */
    private Outcome both(Ledger restored, Object command) {
        Outcome expected = original.handle(command);
        Outcome actual = restored.handle(command);
        if (expected.result() instanceof MovementOutcome movement && !movement.replayed()) {
            // a newly written movement is answered with its new event's id, random on each side
            assertThat(actual.result()).as("answer to %s", command)
                    .usingRecursiveComparison().ignoringFields("eventId").isEqualTo(movement);
        } else {
            assertThat(actual.result()).as("answer to %s", command).isEqualTo(expected.result());
        }
        if (expected.refusal() == null) {
            assertThat(actual.refusal()).as("refusal of %s", command).isNull();
        } else {
            assertThat(actual.refusal()).as("refusal of %s", command)
                    .isInstanceOf(expected.refusal().getClass())
                    .hasMessage(expected.refusal().getMessage());
        }
        assertThat(actual.events()).as("events written for %s", command)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("envelope.eventId")
                .containsExactlyElementsOf(expected.events());
        assertThat(restored.root().levels()).isEqualTo(original.root().levels());
        assertThat(restored.root().rememberedRequests()).isEqualTo(original.root().rememberedRequests());
        assertThat(restored.root().rememberedReservations()).isEqualTo(original.root().rememberedReservations());
        return actual;
    }

    private static ReserveStock reserve(UUID id, int quantity, int ttlSeconds, String key) {
        return new ReserveStock(SKU, id, quantity, Duration.ofSeconds(ttlSeconds), key);
    }

    // ------------------------------------------------------------------------------------------------------------

    record Outcome(Object result, LedgerRefusal refusal, List<Object> events) {
    }

    /**
     * One ledger driven through Axon's annotated-aggregate machinery, with MetaData and the test clock injected
     * into its command handlers and every applied event recorded. A restored one starts from a deserialised root,
     * as Axon's repository does when it loads a snapshot.
     */
    private static final class Ledger {
        private final List<EventMessage<?>> published = new ArrayList<>();
        private final EventSourcedAggregate<StockLedger> aggregate;

        private Ledger(Clock clock, StockLedger root, Long version) {
            ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(StockLedger.class),
                    new SimpleResourceParameterResolverFactory(List.of(clock)));
            AggregateModel<StockLedger> model =
                    AnnotatedAggregateMetaModelFactory.inspectAggregate(StockLedger.class, resolvers);
            SimpleEventBus bus = SimpleEventBus.builder().build();
            bus.subscribe(published::addAll);
            aggregate = version == null
                    ? EventSourcedAggregate.initialize(root, model, bus, NoSnapshotTriggerDefinition.TRIGGER)
                    : EventSourcedAggregate.reconstruct(root, model, version, false, bus,
                            NoSnapshotTriggerDefinition.TRIGGER);
        }

        static Ledger fresh(Clock clock) {
            return new Ledger(clock, new StockLedger(), null);
        }

        static Ledger restored(StockLedger root, Clock clock, long version) {
            return new Ledger(clock, root, version);
        }

        Outcome handle(Object command) {
            int before = published.size();
            try {
                Object result = LedgerHarness.inAUnitOfWork(aggregate,
                        GenericCommandMessage.asCommandMessage(command).andMetaData(ORIGIN));
                return new Outcome(result, null, payloadsSince(before));
            } catch (LedgerRefusal refusal) {
                return new Outcome(null, refusal, payloadsSince(before));
            } catch (Exception e) {
                throw new AssertionError("the ledger failed on " + command, e);
            }
        }

        void succeed(Object command) {
            assertThat(handle(command).refusal()).as("refusal of %s", command).isNull();
        }

        StockLedger root() {
            return aggregate.getAggregateRoot();
        }

        long version() {
            return aggregate.version();
        }

        UUID firstEventWithKey(String key) {
            return published.stream().map(EventMessage::getPayload)
                    .filter(payload -> payload instanceof StockReceived received
                            && received.idempotencyKey().equals(key))
                    .map(payload -> ((StockReceived) payload).eventId())
                    .findFirst().orElseThrow();
        }

        private List<Object> payloadsSince(int index) {
            return published.subList(index, published.size()).stream().<Object>map(EventMessage::getPayload).toList();
        }
    }
}
