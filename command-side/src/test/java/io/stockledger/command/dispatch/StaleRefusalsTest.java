package io.stockledger.command.dispatch;

import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.ReservationNotFoundException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When a refusal is decided once more, and what its caller then hears. */
class StaleRefusalsTest {

    private static final String LEDGER = "ledger-1";

    private final List<String> evicted = new ArrayList<>();
    private final List<CommandMessage<?>> sentAgain = new ArrayList<>();
    private final CommandResultMessage<?> fresh = GenericCommandResultMessage.asCommandResultMessage("CONFIRMED");
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("confirm");

    @Test
    void aRefusalIsStaleOnlyWhenTheStoreHoldsALaterEvent() {
        assertThat(StaleRefusals.isStale(4, 5)).isTrue();
        assertThat(StaleRefusals.isStale(-1, 0)).as("a ledger without events refused, the store has one").isTrue();
        assertThat(StaleRefusals.isStale(5, 5)).isFalse();
        assertThat(StaleRefusals.isStale(5, -1)).isFalse();
        assertThat(StaleRefusals.isStale(LedgerRefusal.VERSION_UNKNOWN, 5)).as("not decided by a ledger").isFalse();
    }

    @Test
    void aStaleRefusalEvictsTheLedgerAndIsDecidedOnceMore() {
        StaleRefusals check = new StaleRefusals(storeAt(7), LEDGER, this::sendAgain);

        CommandResultMessage<?> answer = check.answer(command, refusedAt(6));

        assertThat(answer).isSameAs(fresh);
        assertThat(evicted).containsExactly(LEDGER);
        assertThat(sentAgain).containsExactly(command);
    }

    @Test
    void aRefusalDecidedOnTheStoredVersionIsAnsweredAsItIs() {
        StaleRefusals check = new StaleRefusals(storeAt(6), LEDGER, this::sendAgain);
        CommandResultMessage<?> refused = refusedAt(6);

        assertThat(check.answer(command, refused)).isSameAs(refused);
        assertThat(evicted).isEmpty();
        assertThat(sentAgain).isEmpty();
    }

    @Test
    void anAnswerThatIsNoRefusalAsksNothingOfTheStore() {
        StaleRefusals check = new StaleRefusals(failingStore(), LEDGER, this::sendAgain);
        CommandResultMessage<?> done = GenericCommandResultMessage.asCommandResultMessage("RESERVED");

        assertThat(check.answer(command, done)).isSameAs(done);
        assertThat(sentAgain).isEmpty();
    }

    @Test
    void aFaultReadingTheStoreIsTheAnswerSoItIsClassifiedAsADatabaseFault() {
        StaleRefusals check = new StaleRefusals(failingStore(), LEDGER, this::sendAgain);

        CommandResultMessage<?> answer = check.answer(command, refusedAt(6));

        assertThat(answer.isExceptional()).isTrue();
        assertThat(answer.exceptionResult()).hasMessage("connection lost");
        assertThat(sentAgain).isEmpty();
    }

    @Test
    void theStoreIsAskedOnceAndTheLedgerEvictedOncePerWrite() {
        int[] queries = {0};
        StoredLedgers store = new StoredLedgers() {
            @Override
            public long lastSequence(String ledgerId) {
                queries[0]++;
                return 9;
            }

            @Override
            public void evict(String ledgerId) {
                evicted.add(ledgerId);
            }
        };
        StaleRefusals check = new StaleRefusals(store, LEDGER, this::sendAgain);

        check.answer(command, refusedAt(8));
        check.answer(command, refusedAt(8));

        assertThat(queries[0]).isEqualTo(1);
        assertThat(evicted).containsExactly(LEDGER);
        assertThat(sentAgain).hasSize(2);
    }

    private CommandResultMessage<?> sendAgain(CommandMessage<?> message) {
        sentAgain.add(message);
        return fresh;
    }

    private static CommandResultMessage<?> refusedAt(long version) {
        ReservationNotFoundException refusal = new ReservationNotFoundException(UUID.randomUUID());
        refusal.decidedAtVersion(version);
        return GenericCommandResultMessage.asCommandResultMessage(refusal);
    }

    private StoredLedgers storeAt(long lastSequence) {
        return new StoredLedgers() {
            @Override
            public long lastSequence(String ledgerId) {
                return lastSequence;
            }

            @Override
            public void evict(String ledgerId) {
                evicted.add(ledgerId);
            }
        };
    }

    private static StoredLedgers failingStore() {
        return new StoredLedgers() {
            @Override
            public long lastSequence(String ledgerId) {
                throw new IllegalStateException("connection lost");
            }

            @Override
            public void evict(String ledgerId) {
                throw new AssertionError("nothing to evict");
            }
        };
    }
}
