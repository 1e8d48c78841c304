package io.stockledger.command.ledger;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentReason;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.LedgerCommandBatch;
import io.stockledger.testsupport.ManualClock;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Group commit must not change a single decision: random command sequences are played twice against two ledgers
 * with the same history and clock, once one command at a time and once cut into random batches, and every member's
 * answer (result or refusal), every event and the final levels must come out the same. The sequences mix
 * reservations (with retried and reused keys), confirmations and releases of pending, settled and unknown ids,
 * receipts, adjustments that may be refused, and clock jumps past deadlines, so expiries happen inside batches.
 * Seeds are fixed for a repeatable build; {@code -Dledger.batch.seed=N} explores others.
 */
class BatchEquivalencePropertiesTest {

    private static final StockLedgerId SKU = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final int SEQUENCES = 100;
    private static final int COMMANDS = 60;
    private static final String[] ACTORS = {"alice", "bob", "carol"};

    @TestFactory
    Stream<DynamicTest> batchesDecideExactlyAsTheirMembersOneAfterAnother() {
        long base = Long.getLong("ledger.batch.seed", 20261127L);
        Set<String> reached = new TreeSet<>();
        Stream<DynamicTest> sequences = IntStream.range(0, SEQUENCES).mapToObj(i -> {
            long seed = base * 31 + i;
            return dynamicTest("sequence " + i + " (seed " + seed + ")", () -> play(new Random(seed), reached));
        });
        // the comparison means something only if batches met every kind of answer
        DynamicTest coverage = dynamicTest("every kind of answer met inside batches", () -> assertThat(reached)
                .contains("InsufficientStockException", "IdempotencyKeyReusedException",
                        "ReservationNotFoundException", "ReservationExpiredException",
                        "ReservationNotPendingException", "AdjustmentBelowReservedException", "replayed",
                        "ReservationExpired", "ReservationRequested", "ReservationConfirmed", "ReservationReleased",
                        "StockAdjusted", "StockReceived"));
        return Stream.concat(sequences, Stream.of(coverage));
    }

    private static void play(Random random, Set<String> reached) {
        ManualClock clock = new ManualClock(T0);
        LedgerHarness alone = new LedgerHarness(clock, MetaData.emptyInstance());
        LedgerHarness batched = new LedgerHarness(clock, MetaData.emptyInstance());
        CommandMessage<?> opening = member(random, new ReceiveStock(SKU, 50 + random.nextInt(100), null, "key-open"));
        alone.handle(opening);
        batched.handle(opening);

        Generator generator = new Generator(random);
        int sent = 0;
        int batches = 0;
        while (sent < COMMANDS) {
            if (random.nextInt(4) == 0) {
                clock.advance(Duration.ofSeconds(random.nextInt(400)));
            }
            int size = 1 + random.nextInt(8);
            List<CommandMessage<?>> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                members.add(member(random, generator.next()));
            }
            List<LedgerHarness.Outcome> expected = new ArrayList<>();
            for (CommandMessage<?> member : members) {
                expected.add(alone.handle(member));
            }
            LedgerHarness.Outcome together = batched.handle(GenericCommandMessage.asCommandMessage(
                    new LedgerCommandBatch(SKU, members)));
            assertThat(together.refusal()).as("a batch itself is never refused").isNull();
            @SuppressWarnings("unchecked")
            List<BatchMemberOutcome> answers = (List<BatchMemberOutcome>) together.result();
            assertThat(answers).hasSameSizeAs(members);
            for (int i = 0; i < size; i++) {
                LedgerHarness.Outcome one = expected.get(i);
                BatchMemberOutcome answer = answers.get(i);
                String what = "member " + i + " of batch " + batches + ": " + members.get(i).getPayload();
                if (one.refusal() != null) {
                    reached.add(one.refusal().getClass().getSimpleName());
                    assertThat(answer.refusal()).as(what).isNotNull();
                    assertThat(answer.refusal().getClass()).as(what).isEqualTo(one.refusal().getClass());
                    assertThat(answer.refusal().getMessage()).as(what).isEqualTo(one.refusal().getMessage());
                } else {
                    assertThat(answer.refusal()).as(what).isNull();
                    if (one.result().toString().contains("replayed=true")) {
                        reached.add("replayed");
                    }
                    assertThat(answer.result()).as(what).usingRecursiveComparison()
                            .ignoringFields("eventId").isEqualTo(one.result());
                }
                generator.learn(members.get(i).getPayload(), one);
            }
            List<Object> expectedEvents = expected.stream().flatMap(one -> one.events().stream()).toList();
            if (size > 1) {
                expectedEvents.forEach(event -> reached.add(event.getClass().getSimpleName()));
            }
            assertThat(together.events()).as("events of batch " + batches)
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("envelope.eventId")
                    .containsExactlyElementsOf(expectedEvents);
            assertThat(batched.root().levels()).isEqualTo(alone.root().levels());
            sent += size;
            batches++;
        }
    }

    private static CommandMessage<?> member(Random random, Object command) {
        String actor = ACTORS[random.nextInt(ACTORS.length)];
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(new CommandOrigin(actor, "trace-" + UUID.randomUUID()).toMetaData());
    }

    /** Random commands that revisit earlier keys and reservation ids often enough to hit every rule. */
    private static final class Generator {
        private final Random random;
        private final List<ReserveStock> reserves = new ArrayList<>();
        private final List<UUID> reservationIds = new ArrayList<>();
        private int keys;

        Generator(Random random) {
            this.random = random;
        }

        Object next() {
            return switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> reserve();
                case 4, 5 -> new ConfirmReservation(SKU, someReservation());
                case 6, 7 -> new ReleaseReservation(SKU, someReservation());
                case 8 -> new ReceiveStock(SKU, 1 + random.nextInt(30), null, "key-" + keys++);
                default -> new AdjustStock(SKU, random.nextBoolean() ? 1 + random.nextInt(20) : -1 - random.nextInt(60),
                        AdjustmentReason.COUNT_CORRECTION, null, "key-" + keys++);
            };
        }

        private ReserveStock reserve() {
            if (!reserves.isEmpty() && random.nextInt(5) == 0) {
                ReserveStock earlier = reserves.get(random.nextInt(reserves.size()));
                return random.nextBoolean() ? earlier // a retry
                        : new ReserveStock(SKU, UUID.randomUUID(), earlier.quantity() + 1, earlier.ttl(),
                        earlier.idempotencyKey()); // the key reused for another request
            }
            ReserveStock reserve = new ReserveStock(SKU, UUID.randomUUID(), 1 + random.nextInt(25),
                    Duration.ofSeconds(60 + random.nextInt(600)), "key-" + keys++);
            reserves.add(reserve);
            return reserve;
        }

        private UUID someReservation() {
            return reservationIds.isEmpty() || random.nextInt(8) == 0 ? UUID.randomUUID()
                    : reservationIds.get(random.nextInt(reservationIds.size()));
        }

        void learn(Object command, LedgerHarness.Outcome outcome) {
            if (command instanceof ReserveStock reserve && outcome.refusal() == null) {
                reservationIds.add(reserve.reservationId());
            }
        }
    }
}
