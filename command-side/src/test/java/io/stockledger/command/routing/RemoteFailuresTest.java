package io.stockledger.command.routing;

import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.OrderShortageException;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReservationNotPendingException;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLedgerNotFoundException;
import io.stockledger.command.fault.CommitOutcomeUnknownException;
import io.stockledger.command.fault.LedgerFault;
import io.stockledger.command.fault.LedgerFaultException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteFailuresTest {

    private static final StockLedgerId LEDGER = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());

    @Test
    void aRefusalArrivesAsTheRefusalItIsWithItsFigures() {
        Throwable received = failureAfterTheTrip(new InsufficientStockException(3, 2));

        assertThat(received).isInstanceOf(InsufficientStockException.class);
        InsufficientStockException refusal = (InsufficientStockException) received;
        assertThat(refusal.requested()).isEqualTo(3);
        assertThat(refusal.available()).isEqualTo(2);
        assertThat(refusal.code()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(refusal.category()).isEqualTo(LedgerRefusal.Category.CONFLICT);
    }

    @Test
    void everyKindOfRefusalKeepsItsTypeCodeAndMessage() {
        UUID reservation = UUID.randomUUID();
        List<LedgerRefusal> refusals = List.of(
                new ReservationNotFoundException(reservation),
                new ReservationNotPendingException(reservation, ReservationStatus.CONFIRMED, "release"),
                new IdempotencyKeyReusedException("key-1", "another quantity"),
                new StockLedgerNotFoundException(LEDGER));

        for (LedgerRefusal sent : refusals) {
            Throwable received = failureAfterTheTrip(sent);

            assertThat(received).hasSameClassAs(sent).hasMessage(sent.getMessage());
            assertThat(((LedgerRefusal) received).code()).isEqualTo(sent.code());
            assertThat(((LedgerRefusal) received).category()).isEqualTo(sent.category());
        }
    }

    @Test
    void anOrdersShortagesArriveLineByLine() {
        List<OrderShortageException.Shortage> shortages = List.of(
                new OrderShortageException.Shortage("1", UUID.randomUUID(), 12, 3, false),
                new OrderShortageException.Shortage("2", UUID.randomUUID(), 2, 0, true));

        Throwable received = failureAfterTheTrip(new OrderShortageException(shortages));

        assertThat(((OrderShortageException) received).shortages()).isEqualTo(shortages);
    }

    @Test
    void aDatabaseFaultOnTheOwnerArrivesAsAFaultWithoutTheDriversObjects() {
        Throwable received = failureAfterTheTrip(new IllegalStateException("append failed",
                new SQLTransientConnectionException("connection is not available", "08001")));

        assertThat(received).isInstanceOf(LedgerFaultException.class).hasNoCause();
        assertThat(((LedgerFaultException) received).fault()).isEqualTo(LedgerFault.UNAVAILABLE);
        assertThat(((LedgerFaultException) received).reason()).isEqualTo("DATABASE_UNAVAILABLE");
    }

    @Test
    void aCommitWhoseOutcomeIsUnknownStaysUnknown() {
        Throwable received = failureAfterTheTrip(new CommitOutcomeUnknownException(
                new SQLTransientConnectionException("lost during commit", "08006")));

        assertThat(((LedgerFaultException) received).fault()).isEqualTo(LedgerFault.OUTCOME_UNKNOWN);
    }

    @Test
    void aFaultKeepsItsKindAndReason() {
        Throwable received = failureAfterTheTrip(new LedgerFaultException(LedgerFault.UNAVAILABLE, "DEADLINE_EXCEEDED",
                "the deadline passed", new RuntimeException("inner")));

        assertThat(received).isInstanceOf(LedgerFaultException.class).hasMessage("the deadline passed").hasNoCause();
        assertThat(((LedgerFaultException) received).reason()).isEqualTo("DEADLINE_EXCEEDED");
    }

    @Test
    void aLostRaceAndAMissingLedgerKeepTheirAxonTypes() {
        assertThat(failureAfterTheTrip(new RuntimeException(new ConcurrencyException("sequence 7 taken"))))
                .isInstanceOf(ConcurrencyException.class).hasMessage("sequence 7 taken");
        Throwable missing = failureAfterTheTrip(new AggregateNotFoundException(LEDGER.toString(), "no events"));
        assertThat(missing).isInstanceOf(AggregateNotFoundException.class);
        assertThat(((AggregateNotFoundException) missing).getAggregateIdentifier()).isEqualTo(LEDGER.toString());
    }

    @Test
    void anythingElseArrivesAsAFailureNamingWhatHappenedOnTheOwner() {
        Throwable received = failureAfterTheTrip(new UnsupportedOperationException("a bug"));

        assertThat(received).isInstanceOf(IllegalStateException.class).hasMessageContaining("a bug");
    }

    @Test
    void anOwnerThatLeftBeforeAnsweringLeavesTheOutcomeUnknown() {
        CommandResultMessage<?> answer = RemoteFailures.fromWire(GenericCommandResultMessage.asCommandResultMessage(
                new CommandBusConnectorCommunicationException("Connection error while waiting for a response")));

        assertThat(answer.exceptionResult()).isInstanceOf(LedgerFaultException.class);
        LedgerFaultException fault = (LedgerFaultException) answer.exceptionResult();
        assertThat(fault.fault()).isEqualTo(LedgerFault.OUTCOME_UNKNOWN);
        assertThat(fault.reason()).isEqualTo(RemoteFailures.OWNER_LEFT);
        assertThat(RemoteFailures.lostInTransit(answer)).isTrue();
    }

    @Test
    void aSuccessTravelsAsItIs() {
        CommandResultMessage<?> answer = OverTheWire.answer(GenericCommandResultMessage.asCommandResultMessage(42));

        assertThat(answer.isExceptional()).isFalse();
        assertThat(answer.getPayload()).isEqualTo(42);
        assertThat(RemoteFailures.lostInTransit(answer)).isFalse();
    }

    private static Throwable failureAfterTheTrip(Throwable onTheOwner) {
        CommandResultMessage<?> answer = OverTheWire.answer(
                GenericCommandResultMessage.asCommandResultMessage(onTheOwner));
        assertThat(answer.isExceptional()).isTrue();
        return answer.exceptionResult();
    }
}
