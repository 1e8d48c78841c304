package io.stockledger.api.web.reservation;

import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.web.RequestOrigin;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.api.web.PathIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.UUID;

/** The reservation lifecycle an order system drives: reserve, then confirm or release. */
@RestController
@RequestMapping("/v1")
class ReservationController {

    private final Ledger ledger;

    ReservationController(Ledger ledger) {
        this.ledger = ledger;
    }

    @RequiresPermission(Permission.RESERVE)
    @PostMapping("/reserve")
    ReservationResponse reserve(@Valid @RequestBody ReserveRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        ReserveStock command = new ReserveStock(
                new StockLedgerId(UUID.fromString(body.productId()), UUID.fromString(body.warehouseId())),
                UUID.randomUUID(), body.quantity(), Duration.ofSeconds(body.ttlSeconds()), body.idempotencyKey());
        return ReservationResponse.of(ledger.reserve(command, RequestOrigin.of(request)));
    }

    @RequiresPermission(Permission.CONFIRM)
    @PostMapping("/confirm")
    ReservationResponse confirm(@Valid @RequestBody ReservationIdRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        return ReservationResponse.of(ledger.confirm(UUID.fromString(body.reservationId()),
                RequestOrigin.of(request)));
    }

    @RequiresPermission(Permission.RELEASE)
    @PostMapping("/release")
    ReservationResponse release(@Valid @RequestBody ReservationIdRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        return ReservationResponse.of(ledger.release(UUID.fromString(body.reservationId()),
                RequestOrigin.of(request)));
    }

    @RequiresPermission(Permission.READ)
    @GetMapping("/reservations/{reservation_id}")
    ReservationResponse get(@PathVariable("reservation_id") String reservationId) throws LedgerRefusal {
        UUID id = PathIds.uuid("reservation_id", reservationId);
        return ledger.findReservation(id).map(ReservationResponse::of)
                .orElseThrow(() -> new ReservationNotFoundException(id));
    }
}
