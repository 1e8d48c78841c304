package io.stockledger.command.routing;

import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.StockLedgerId;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the gateway sends a command: into this instance's group commit when the cluster says its ledger's command runs
 * here (or it is about no ledger), else over the distributed bus to the owner, with the deadline it may take.
 */
class RoutingCommandGatewayTest {

    private static final StockLedgerId LEDGER = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());

    private final List<CommandMessage<?>> forwarded = new ArrayList<>();
    private final List<Boolean> observedLost = new ArrayList<>();

    private RoutingCommandGateway gateway(Predicate<CommandMessage<?>> executesHere) {
        CommandBus distributed = answering("owner", forwarded);
        CommandBus local = answering("here", new ArrayList<>());
        return new RoutingCommandGateway(distributed, DefaultCommandGateway.builder().commandBus(local).build(),
                executesHere, Duration.ofSeconds(7), (nanos, lost) -> observedLost.add(lost));
    }

    /** A bus that answers {@code name} to every command of the two kinds used here, and keeps what it received. */
    private static CommandBus answering(String name, List<CommandMessage<?>> received) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        for (Class<?> type : List.of(ExpireOverdueReservations.class, String.class)) {
            bus.subscribe(type.getName(), command -> {
                received.add(command);
                return name;
            });
        }
        return bus;
    }

    @Test
    void aCommandWhoseLedgerRunsHereGoesIntoThisInstancesGroupCommit() {
        RoutingCommandGateway gateway = gateway(command -> true);

        Object answer = gateway.sendAndWait(new ExpireOverdueReservations(LEDGER));

        assertThat(answer).isEqualTo("here");
        assertThat(forwarded).isEmpty();
        assertThat(observedLost).isEmpty();
    }

    @Test
    void aCommandWhoseLedgerRunsElsewhereIsForwardedWithTheDeadlineItMayTake() {
        List<Object> asked = new ArrayList<>();
        RoutingCommandGateway gateway = gateway(command -> {
            asked.add(command.getPayload());
            return false;
        });

        Object answer = gateway.sendAndWait(new ExpireOverdueReservations(LEDGER));

        assertThat(answer).isEqualTo("owner");
        assertThat(asked).containsExactly(new ExpireOverdueReservations(LEDGER));
        assertThat(forwarded).singleElement().satisfies(command ->
                assertThat(command.getMetaData()).containsEntry(GroupCommitSegment.DEADLINE_MILLIS, 7_000L));
        assertThat(observedLost).containsExactly(false);
    }

    @Test
    void aCommandAboutNoLedgerIsExecutedWhereItIsSent() {
        RoutingCommandGateway gateway = gateway(command -> false);

        Object answer = gateway.sendAndWait("not a ledger's command");

        assertThat(answer).isEqualTo("here");
        assertThat(forwarded).isEmpty();
    }
}
