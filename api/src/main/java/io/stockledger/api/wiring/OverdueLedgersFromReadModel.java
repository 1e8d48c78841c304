package io.stockledger.api.wiring;

import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.expiry.OverdueLedgers;
import io.stockledger.query.api.FindLedgersWithOverdueReservations;
import io.stockledger.query.api.LedgerRef;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The expiry sweeper's question answered by the reservations read model. It lives in the service that wires the
 * modules, because the command side and the query side may not know each other.
 */
@Component
class OverdueLedgersFromReadModel implements OverdueLedgers {

    private final QueryGateway queries;

    OverdueLedgersFromReadModel(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public List<StockLedgerId> at(Instant now, int limit) throws Exception {
        return queries.query(new FindLedgersWithOverdueReservations(now, limit),
                        ResponseTypes.multipleInstancesOf(LedgerRef.class))
                .get(10, TimeUnit.SECONDS).stream()
                .map(ledger -> new StockLedgerId(ledger.productId(), ledger.warehouseId()))
                .toList();
    }
}
