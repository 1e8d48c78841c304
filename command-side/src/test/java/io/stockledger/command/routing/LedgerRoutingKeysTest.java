package io.stockledger.command.routing;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentReason;
import io.stockledger.command.api.ConfirmOrder;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.OrderLineRequest;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReleaseOrder;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReserveOrder;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.ShipTransfer;
import io.stockledger.command.api.SourcingRule;
import io.stockledger.command.api.StockLedgerId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerRoutingKeysTest {

    private static final StockLedgerId LEDGER = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
    private static final UUID RESERVATION = UUID.randomUUID();

    private final LedgerRoutingKeys keys = new LedgerRoutingKeys();

    @Test
    void everyCommandForOneLedgerHasTheLedgerAsItsKeySoOneOwnerExecutesThemAll() {
        List<Object> commands = ledgerCommands();

        assertThat(commands).extracting(command -> keys.getRoutingKey(GenericCommandMessage.asCommandMessage(command)))
                .containsOnly(LEDGER.toString());
    }

    @Test
    void anOrdersReserveConfirmAndReleaseMeetOnOneInstance() {
        ReserveOrder reserve = order("web-17");

        assertThat(LedgerRoutingKeys.of(reserve)).contains("order:web-17");
        assertThat(LedgerRoutingKeys.of(new ConfirmOrder("web-17"))).contains("order:web-17");
        assertThat(LedgerRoutingKeys.of(ReleaseOrder.line("web-17", "2"))).contains("order:web-17");
    }

    @Test
    void aCommandAboutNoLedgerIsNotRouted() {
        assertThat(LedgerRoutingKeys.of("not a ledger command")).isEmpty();
    }

    /** Every command crosses to its owner as it was sent: the service's message serializer reads it back equal. */
    @Test
    void commandsCrossBetweenInstancesUnchanged() {
        List<Object> commands = new java.util.ArrayList<>(ledgerCommands());
        commands.add(order("web-18"));
        commands.add(new ConfirmOrder("web-18"));
        commands.add(ReleaseOrder.whole("web-18"));

        for (Object command : commands) {
            assertThat(OverTheWire.command(command).getPayload()).isEqualTo(command);
        }
    }

    private static List<Object> ledgerCommands() {
        return List.of(
                new ReserveStock(LEDGER, RESERVATION, 3, Duration.ofMinutes(5), "key-1", LocalDate.of(2027, 1, 31),
                        null, "web-1", "1"),
                new ConfirmReservation(LEDGER, RESERVATION),
                new ReleaseReservation(LEDGER, RESERVATION),
                new AdjustStock(LEDGER, -2, AdjustmentReason.DAMAGE, "dropped", "key-2", null),
                new ReceiveStock(LEDGER, 10, new BigDecimal("2.50"), "key-3", "B-1", LocalDate.of(2027, 6, 1), "A-1"),
                new ShipTransfer(LEDGER, UUID.randomUUID(), UUID.randomUUID(), 4, null, "key-4"));
    }

    private static ReserveOrder order(String orderId) {
        return new ReserveOrder(orderId, "key-" + orderId, Duration.ofMinutes(15), SourcingRule.DEFAULT,
                List.of(LEDGER.warehouseId()),
                List.of(new OrderLineRequest("1", LEDGER.productId(), 2, null, null, null)));
    }
}
