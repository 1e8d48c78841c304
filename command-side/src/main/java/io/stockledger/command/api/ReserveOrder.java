package io.stockledger.command.api;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reserve every line of an order, on whichever ledgers its lines are sourced from, all or nothing: one unit of work,
 * one database transaction. Not a {@link LedgerCommand}: it addresses several ledgers, which the order desk takes in
 * one fixed order (sorted ledger id) so that concurrent orders sharing SKUs never wait for each other in a circle.
 *
 * @param warehouseIds where lines that name no warehouse are taken from, in priority order (may be empty when every
 *                     line names its own)
 */
public record ReserveOrder(
        String orderId,
        String idempotencyKey,
        Duration ttl,
        SourcingRule sourcing,
        List<UUID> warehouseIds,
        List<OrderLineRequest> lines) implements SeveralLedgersCommand {

    public ReserveOrder {
        Guard.present("orderId", orderId);
        Guard.present("idempotencyKey", idempotencyKey);
        Guard.present("ttl", ttl);
        if (ttl.isNegative() || ttl.isZero() || ttl.getNano() != 0 || ttl.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ttl must be a positive whole number of seconds");
        }
        sourcing = sourcing == null ? SourcingRule.DEFAULT : sourcing;
        warehouseIds = warehouseIds == null ? List.of() : List.copyOf(warehouseIds);
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        lines = List.copyOf(lines);
        Set<String> lineIds = new HashSet<>();
        for (OrderLineRequest line : lines) {
            if (!lineIds.add(line.lineId())) {
                throw new IllegalArgumentException("line ids must be unique within an order: " + line.lineId());
            }
            if (line.warehouseId() == null && warehouseIds.isEmpty()) {
                throw new IllegalArgumentException("line " + line.lineId() + " names no warehouse and the order "
                        + "lists none");
            }
        }
        if (new HashSet<>(warehouseIds).size() != warehouseIds.size()) {
            throw new IllegalArgumentException("warehouseIds must not repeat a warehouse");
        }
    }
}
