package io.stockledger.api.web.audit;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.AccessDeniedException;
import io.stockledger.api.security.AccessInterceptor;
import io.stockledger.api.security.Caller;
import io.stockledger.api.security.Permission;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLedgerNotFoundException;
import io.stockledger.audit.api.BalanceAsOfView;
import io.stockledger.audit.api.FindBalanceAsOf;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * One ledger's balance at a past instant, the same answer wherever it is asked: {@code GET /v1/stock/{p}/{w}?as_of=}
 * and {@code GET /v1/ledger/{p}/{w}/balance?as_of=} both come here, and both are folded from the event store by the
 * audit module's {@code BalanceAsOf}.
 */
@Component
public class PastBalances {

    public static final String AS_OF = "as_of";

    private final Ledger ledger;

    PastBalances(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * The balance at {@code asOf} (RFC 3339 text, required): 404 {@code STOCK_LEDGER_NOT_FOUND} for a ledger with no
     * event at all, zeros with a null sequence number before its first event.
     */
    public LedgerBalanceResponse at(UUID product, UUID warehouse, String asOf) throws LedgerRefusal {
        Instant at = AuditParameters.instant(AS_OF, asOf);
        if (at == null) {
            throw new InvalidParameterException(AS_OF, "is required");
        }
        return ledger.ask(new FindBalanceAsOf(product, warehouse, at), BalanceAsOfView.class)
                .map(LedgerBalanceResponse::of)
                .orElseThrow(() -> new StockLedgerNotFoundException(new StockLedgerId(product, warehouse)));
    }

    /**
     * Asking about the past is auditing: where an endpoint answers {@code as_of} on top of its everyday answer, the
     * caller needs {@code audit:read} as well as the endpoint's own permission. Checked here, explicitly, because
     * {@code @RequiresPermission} names one permission per handler.
     */
    public static void requireAuditRead(HttpServletRequest request) {
        Caller caller = AccessInterceptor.callerOf(request);
        if (caller == null || !caller.may(Permission.AUDIT_READ)) {
            throw new AccessDeniedException(Permission.AUDIT_READ);
        }
    }
}
