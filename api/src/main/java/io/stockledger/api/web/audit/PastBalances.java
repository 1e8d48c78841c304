package io.stockledger.api.web.audit;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.MissingPermissionException;
import io.stockledger.api.security.Permission;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLedgerNotFoundException;
import io.stockledger.audit.api.BalanceAsOfView;
import io.stockledger.audit.api.FindBalanceAsOf;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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
     * caller needs {@code audit:read} as well as the endpoint's own permission. Checked here, against the
     * authorities Spring Security authenticated the request with, because {@code @RequiresPermission} names one
     * permission per handler and only this parameter needs the second.
     */
    public static void requireAuditRead() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean granted = caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> Permission.AUDIT_READ.equals(authority.getAuthority()));
        if (!granted) {
            throw new MissingPermissionException(Permission.AUDIT_READ);
        }
    }
}
