package io.stockledger.command.expiry;

import io.stockledger.command.api.StockLedgerId;

import java.time.Instant;
import java.util.List;

/**
 * Where the sweeper looks: the ledgers that hold reservations still pending although their deadline has passed. The
 * command side keeps no table of its own for this; the service answers it from the reservations read model (which
 * the command side may not depend on), so this is the one question the sweeper asks of the outside.
 */
public interface OverdueLedgers {

    /** At most {@code limit} ledgers with a reservation whose deadline is before {@code now}. */
    List<StockLedgerId> at(Instant now, int limit) throws Exception;
}
