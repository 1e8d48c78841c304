package io.stockledger.command.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.stockledger.command.api.ReservationLocator;
import io.stockledger.command.api.StockLedgerId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reservation id to ledger, read from the request registry's table. A route never changes once written, so hits are
 * cached; misses are not, because the reservation may be committing on another instance right now.
 */
@Component
class ReservationRoutes implements ReservationLocator {

    private final JdbcTemplate jdbc;
    // on the reservation's path: bookkeeping in place (docs/decisions.md, "The ledger cache")
    private final Cache<UUID, StockLedgerId> known = Caffeine.newBuilder()
            .maximumSize(200_000)
            .executor(Runnable::run)
            .build();

    ReservationRoutes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StockLedgerId> ledgerOf(UUID reservationId) {
        StockLedgerId cached = known.getIfPresent(reservationId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<StockLedgerId> found = jdbc.query(
                "SELECT product_id, warehouse_id FROM ledger_request WHERE reservation_id = ?",
                (row, n) -> new StockLedgerId(row.getObject(1, UUID.class), row.getObject(2, UUID.class)),
                reservationId);
        found.stream().findFirst().ifPresent(ledgerId -> known.put(reservationId, ledgerId));
        return found.stream().findFirst();
    }

    /**
     * Called while the reservation's transaction is still open; caching before commit is safe because the
     * reservation id is a fresh UUID that no other request can be routed by until this reserve call returns.
     */
    void remember(UUID reservationId, UUID productId, UUID warehouseId) {
        known.put(reservationId, new StockLedgerId(productId, warehouseId));
    }
}
