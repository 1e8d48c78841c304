package io.stockledger.api.web.reservation;

import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.web.UuidParameter;
import io.stockledger.api.web.RequestOrigin;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.TimeOrderedIds;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.openapi.IdempotencyKeyReusedResponse;
import io.stockledger.api.web.openapi.LedgerUnavailableResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/**
 * The reservation lifecycle an order system drives: reserve, then confirm or release. The OpenAPI annotations
 * describe what is particular to each endpoint; what every /v1 endpoint shares (token, permission, 400/401/403/422,
 * the problem schema) is added centrally by {@code io.stockledger.api.web.openapi}.
 */
@Tag(name = OpenApiConfiguration.RESERVATIONS)
@LedgerUnavailableResponse
@RestController
@RequestMapping("/v1")
record ReservationController(Ledger ledger) {

    @Operation(operationId = "reserveStock", summary = "Reserve stock", description = """
            Holds `quantity` units of a product in a warehouse for `ttl_seconds`, until confirmed or released; \
            after that it expires and the units are available again. Idempotent by `idempotency_key`: the same \
            request again returns the same reservation (as it is now) and writes nothing.""")
    @ApiResponse(responseCode = "200", description = "The reservation, `PENDING` when new.")
    @ApiResponse(responseCode = "409", description = """
            `INSUFFICIENT_STOCK`: fewer units are available than requested (also for a product never received); \
            the problem carries `requested` and `available`. `INSUFFICIENT_SHELF_LIFE`: enough units are \
            available, but too few of them last until the minimum expiry asked for. Nothing is written, and a \
            retry decides again.""")
    @IdempotencyKeyReusedResponse
    @RequiresPermission(Permission.RESERVE)
    @PostMapping("/reserve")
    ReservationResponse reserve(@Valid @RequestBody ReserveRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        if (body.minExpiryDate() != null && body.minShelfLifeDays() != null) {
            throw new InvalidParameterException("min_shelf_life_days", "give min_expiry_date or min_shelf_life_days,"
                    + " not both");
        }
        ReserveStock command = new ReserveStock(
                new StockLedgerId(UUID.fromString(body.productId()), UUID.fromString(body.warehouseId())),
                TimeOrderedIds.next(), body.quantity(), Duration.ofSeconds(body.ttlSeconds()), body.idempotencyKey(),
                body.minExpiryDate(), body.minShelfLifeDays());
        return ReservationResponse.of(ledger.reserve(command, RequestOrigin.of(request)));
    }

    @Operation(operationId = "confirmReservation", summary = "Confirm a reservation", description = """
            Turns a pending reservation into a sale (payment succeeded): the units leave on-hand stock. \
            Idempotent: confirming a confirmed reservation returns it unchanged.""")
    @ApiResponse(responseCode = "200", description = "The reservation, `CONFIRMED`.")
    @ApiResponse(responseCode = "404", description = "`RESERVATION_NOT_FOUND`: no reservation has this id.")
    @ApiResponse(responseCode = "409", description = """
            `RESERVATION_EXPIRED`: its `expires_at` has passed (even if no expiry has been recorded yet); \
            `RESERVATION_RELEASED`: it was released.""")
    @RequiresPermission(Permission.CONFIRM)
    @PostMapping("/confirm")
    ReservationResponse confirm(@Valid @RequestBody ReservationIdRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        return ReservationResponse.of(ledger.confirm(UUID.fromString(body.reservationId()),
                RequestOrigin.of(request)));
    }

    @Operation(operationId = "releaseReservation", summary = "Release a reservation", description = """
            Gives the units of a pending reservation back (cart abandoned or order cancelled). Idempotent: \
            releasing a released or expired reservation returns it unchanged.""")
    @ApiResponse(responseCode = "200",
            description = "The reservation, `RELEASED` (or `EXPIRED` if its time had already run out).")
    @ApiResponse(responseCode = "404", description = "`RESERVATION_NOT_FOUND`: no reservation has this id.")
    @ApiResponse(responseCode = "409", description = "`RESERVATION_CONFIRMED`: it was confirmed already.")
    @RequiresPermission(Permission.RELEASE)
    @PostMapping("/release")
    ReservationResponse release(@Valid @RequestBody ReservationIdRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        return ReservationResponse.of(ledger.release(UUID.fromString(body.reservationId()),
                RequestOrigin.of(request)));
    }

    @Operation(operationId = "getReservation", summary = "Read a reservation", description = """
            A reservation with its current `status` and `updated_at`, from the read model, which follows the \
            ledger within milliseconds.""")
    @ApiResponse(responseCode = "200", description = "The reservation.")
    @ApiResponse(responseCode = "404", description = """
            `RESERVATION_NOT_FOUND`: no reservation has this id (or, for a moment after it was made, the read model \
            has not caught up yet).""")
    @RequiresPermission(Permission.READ)
    @GetMapping("/reservations/{reservation_id}")
    ReservationResponse get(@UuidParameter("The reservation's id.")
                            @PathVariable("reservation_id") String reservationId) throws LedgerRefusal {
        UUID id = PathIds.uuid("reservation_id", reservationId);
        return ledger.findReservation(id).map(ReservationResponse::of)
                .orElseThrow(() -> new ReservationNotFoundException(id));
    }
}
