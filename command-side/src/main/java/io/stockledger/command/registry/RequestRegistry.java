package io.stockledger.command.registry;

import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.ReceiveTransfer;
import io.stockledger.command.api.ReturnTransfer;
import io.stockledger.command.config.StockLedgerConfiguration;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Claims every idempotency key and records which ledger holds every reservation, inside the same database
 * transaction that appends the event (this processing group is subscribing, and its errors propagate).
 *
 * <p>A ledger only remembers its own keys, and only for a retention window. The registry makes a key single-use
 * across all ledgers and forever: a claim that finds the key taken rolls the whole command back, so the event that
 * reused it is never stored.
 *
 * <p>The claims of one unit of work (all the events of a command, or of a group-committed batch of commands) are
 * written together, in one JDBC batch just before that unit of work commits: one round trip to the database instead
 * of one per event, in the same transaction, with the same effect.
 */
@Component
@ProcessingGroup(RequestRegistry.PROCESSING_GROUP)
class RequestRegistry {

    static final String PROCESSING_GROUP = StockLedgerConfiguration.REQUEST_REGISTRY_GROUP;

    private static final String PENDING_CLAIMS = RequestRegistry.class.getName() + ".pendingClaims";

    private final JdbcTemplate jdbc;
    private final ReservationRoutes routes;

    RequestRegistry(JdbcTemplate jdbc, ReservationRoutes routes) {
        this.jdbc = jdbc;
        this.routes = routes;
    }

    /** One key to claim. */
    private record Claim(String key, String operation, UUID productId, UUID warehouseId, UUID reservationId) {
    }

    @EventHandler
    void on(ReservationRequested event) {
        claim(new Claim(event.idempotencyKey(), "RESERVE", event.productId(), event.warehouseId(),
                event.reservationId()));
    }

    @EventHandler
    void on(StockReceived event) {
        claim(new Claim(event.idempotencyKey(), "RECEIVE", event.productId(), event.warehouseId(), null));
    }

    @EventHandler
    void on(StockAdjusted event) {
        claim(new Claim(event.idempotencyKey(), "ADJUST", event.productId(), event.warehouseId(), null));
    }

    @EventHandler
    void on(TransferShipped event) {
        claim(new Claim(event.idempotencyKey(), "TRANSFER", event.productId(), event.warehouseId(), null));
    }

    /** A transfer is received once, ever: a second receipt would count its units twice. */
    @EventHandler
    void on(TransferReceived event) {
        claim(new Claim(ReceiveTransfer.receiptKeyOf(event.transferId()), "TRANSFER_IN", event.productId(),
                event.warehouseId(), null));
    }

    @EventHandler
    void on(TransferReturned event) {
        claim(new Claim(ReturnTransfer.returnKeyOf(event.transferId()), "TRANSFER_BACK", event.productId(),
                event.warehouseId(), null));
    }

    private void claim(Claim claim) {
        if (!CurrentUnitOfWork.isStarted()) {
            write(List.of(claim));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.getOrComputeResource(PENDING_CLAIMS, name -> {
            List<Claim> claims = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> write(claims));
            return claims;
        }).add(claim);
    }

    private void write(List<Claim> claims) {
        int[][] claimed = jdbc.batchUpdate("""
                INSERT INTO ledger_request (idempotency_key, operation, product_id, warehouse_id, reservation_id)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", claims, claims.size(), (insert, claim) -> {
            insert.setString(1, claim.key());
            insert.setString(2, claim.operation());
            insert.setObject(3, claim.productId());
            insert.setObject(4, claim.warehouseId());
            insert.setObject(5, claim.reservationId());
        });
        for (int i = 0; i < claims.size(); i++) {
            if (claimed[0][i] == Statement.SUCCESS_NO_INFO) {
                // e.g. the driver's reWriteBatchedInserts: a taken key would go unnoticed, so refuse to guess
                throw new IllegalStateException("the database did not report which idempotency keys were claimed");
            }
            if (claimed[0][i] == 0) {
                throw new RequestClaimRefused(new IdempotencyKeyReusedException(claims.get(i).key(),
                        "it was used before by another request"
                                + " (on another product or warehouse, or more than 24 hours ago)"));
            }
        }
        for (Claim claim : claims) {
            if (claim.reservationId() != null) {
                routes.remember(claim.reservationId(), claim.productId(), claim.warehouseId());
            }
        }
    }
}
