package io.stockledger.command.registry;

import io.stockledger.events.TransferShipped;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferReceived;
import io.stockledger.command.api.ReturnTransfer;
import io.stockledger.command.api.ReceiveTransfer;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.config.StockLedgerConfiguration;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Claims every idempotency key and records which ledger holds every reservation, inside the same database
 * transaction that appends the event (this processing group is subscribing, and its errors propagate).
 *
 * <p>A ledger only remembers its own keys, and only for a retention window. The registry makes a key single-use
 * across all ledgers and forever: a claim that finds the key taken rolls the whole command back, so the event that
 * reused it is never stored.
 */
@Component
@ProcessingGroup(RequestRegistry.PROCESSING_GROUP)
class RequestRegistry {

    static final String PROCESSING_GROUP = StockLedgerConfiguration.REQUEST_REGISTRY_GROUP;

    private final JdbcTemplate jdbc;
    private final ReservationRoutes routes;

    RequestRegistry(JdbcTemplate jdbc, ReservationRoutes routes) {
        this.jdbc = jdbc;
        this.routes = routes;
    }

    @EventHandler
    void on(ReservationRequested event) throws IdempotencyKeyReusedException {
        claim(event.idempotencyKey(), "RESERVE", event.productId(), event.warehouseId(), event.reservationId());
        routes.remember(event.reservationId(), event.productId(), event.warehouseId());
    }

    @EventHandler
    void on(StockReceived event) throws IdempotencyKeyReusedException {
        claim(event.idempotencyKey(), "RECEIVE", event.productId(), event.warehouseId(), null);
    }

    @EventHandler
    void on(StockAdjusted event) throws IdempotencyKeyReusedException {
        claim(event.idempotencyKey(), "ADJUST", event.productId(), event.warehouseId(), null);
    }

    @EventHandler
    void on(TransferShipped event) throws IdempotencyKeyReusedException {
        claim(event.idempotencyKey(), "TRANSFER", event.productId(), event.warehouseId(), null);
    }

    /** A transfer is received once, ever: a second receipt would count its units twice. */
    @EventHandler
    void on(TransferReceived event) throws IdempotencyKeyReusedException {
        claim(ReceiveTransfer.receiptKeyOf(event.transferId()), "TRANSFER_IN", event.productId(),
                event.warehouseId(), null);
    }

    @EventHandler
    void on(TransferReturned event) throws IdempotencyKeyReusedException {
        claim(ReturnTransfer.returnKeyOf(event.transferId()), "TRANSFER_BACK", event.productId(),
                event.warehouseId(), null);
    }

    private void claim(String key, String operation, UUID productId, UUID warehouseId, UUID reservationId)
            throws IdempotencyKeyReusedException {
        int claimed = jdbc.update("""
                INSERT INTO ledger_request (idempotency_key, operation, product_id, warehouse_id, reservation_id)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", key, operation, productId, warehouseId, reservationId);
        if (claimed == 0) {
            throw new IdempotencyKeyReusedException(key, "it was used before by another request"
                    + " (on another product or warehouse, or more than 24 hours ago)");
        }
    }
}
